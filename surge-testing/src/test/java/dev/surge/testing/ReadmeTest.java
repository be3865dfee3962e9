package dev.surge.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's example is {@link HelloTest}, which runs: this keeps the two the same. */
class ReadmeTest {

    @Test
    void theReadmeExampleIsHelloTest() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Testing your routes");
        assertTrue(section >= 0, "the README has a section 'Testing your routes'");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        String source = Files.readString(Path.of("src/test/java/dev/surge/testing/HelloTest.java"));
        assertTrue(source.contains(example), "the README's example differs from HelloTest.java:\n" + example);
    }
}
