package dev.surge.app;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.junit.AllocationBudget;
import dev.surge.web.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the event loop allocates per request on the hot inline routes: everything (reading,
 * parsing, routing, the handler, encoding, writing) over many requests, divided by their
 * number. One request in flight at a time, as a keep-alive client sends them, and sixteen
 * pipelined. Tests run at Netty's paranoid leak-detection level, which records a stack trace
 * for every buffer; these measure at the level a server runs at (see {@link LoopAllocation}).
 */
class LoopAllocationTest {
    private static final AllocationBudget PLAINTEXT = AllocationBudget.of(128, "request");
    /**
     * A file answer makes more: the path and its attributes, Last-Modified and ETag strings,
     * the header list, a view of the open file (about 1.15 KB measured). The budget guards
     * against it growing; it is no target.
     */
    private static final AllocationBudget FILE = AllocationBudget.of(1536, "request");

    @Test
    void inlinePlaintextAllocatesAtMost128BytesPerRequest() throws Exception {
        try (Server server = new ReferenceService().routes(App.create())
                .start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            LoopAllocation exchange = new LoopAllocation(socket, "GET /plaintext HTTP/1.1\r\nHost: t\r\n\r\n").warmedUp();
            double oneByOne = PLAINTEXT.assertWithin(exchange.perRequest(20_000, 1));
            double pipelined = PLAINTEXT.assertWithin(exchange.perRequest(80_000, 16));
            System.out.printf("inline /plaintext: %.1f bytes per request one at a time, %.1f pipelined x16%n",
                    oneByOne, pipelined);
        }
    }

    @Test
    void aSmallFileAllocatesAtMost1536BytesPerRequest(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("16k.bin"), new byte[16 * 1024]);
        try (Server server = App.create().files("/files", dir)
                .start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            LoopAllocation exchange = new LoopAllocation(socket, "GET /files/16k.bin HTTP/1.1\r\nHost: t\r\n\r\n").warmedUp();
            double oneByOne = FILE.assertWithin(exchange.perRequest(10_000, 1));
            double pipelined = FILE.assertWithin(exchange.perRequest(20_000, 16));
            System.out.printf("16 KiB file: %.1f bytes per request one at a time, %.1f pipelined x16%n",
                    oneByOne, pipelined);
        }
    }
}
