package dev.surge.bench;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./surge bench peers}' flags for its modes, run as the script itself: a bad value ends
 * it with exit code 2 and a message saying what to fix, before it starts or installs anything.
 */
class PeersFlagsTest {
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome peers(String... flags) throws Exception {
        Path script = Path.of("..", "bench", "peers.sh").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(flags));
        File out = File.createTempFile("peers", ".out");
        File err = File.createTempFile("peers", ".err");
        out.deleteOnExit();
        err.deleteOnExit();
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        try {
            // A flag that were not refused would start a benchmark: ended here, and failed.
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bench peers did not end: " + Files.readString(err.toPath()));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Outcome(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    void anUnknownModeIsRefusedSayingTheKnownOnes() throws Exception {
        Outcome o = peers("--modes", "keepalive,bogus");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("unknown mode 'bogus' (known: keepalive, pipelined, close)"), o.err());
    }

    @Test
    void theCloseModeNeedsWrkBecauseSurgeLoadKeepsItsConnections() throws Exception {
        Outcome o = peers("--modes", "close", "--load", "surge");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--modes close needs --load wrk"), o.err());
    }

    @Test
    void theHelpSaysWhatTheModesAre() throws Exception {
        Outcome o = peers("--help");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("--modes LIST") && o.out().contains("Connection: close"), o.out());
    }
}
