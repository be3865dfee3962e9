package dev.surge.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every package of main code in the repository says what it is and what it may use, in a
 * package-info.java (STYLE.md). This module's tests run from surge-bench/, beside the others.
 */
class PackageInfoTest {
    @Test
    void everyMainPackageHasAPackageInfo() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> modules = Files.list(root)) {
            sources = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
        }
        assertTrue(sources.size() >= 9, "the modules' main sources under " + root + ": " + sources);
        List<String> missing = sources.stream().flatMap(PackageInfoTest::packageDirectories)
                .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                .map(dir -> root.relativize(dir).toString()).sorted().toList();
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    /** The folders under {@code source} that hold Java files other than module-info.java. */
    private static Stream<Path> packageDirectories(Path source) {
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("module-info.java"))
                    .map(Path::getParent).distinct().toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
