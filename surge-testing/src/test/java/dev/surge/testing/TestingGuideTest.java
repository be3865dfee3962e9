package dev.surge.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The testing guide's example is {@link HelloTest}, which runs: this keeps the two the same. */
class TestingGuideTest {

    @Test
    void theGuidesExampleIsHelloTest() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "testing.md"));
        int section = readme.indexOf("## Testing your routes");
        assertTrue(section >= 0, "docs/testing.md has a section 'Testing your routes'");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        String source = Files.readString(Path.of("src/test/java/dev/surge/testing/HelloTest.java"));
        assertTrue(source.contains(example), "docs/testing.md's example differs from HelloTest.java:\n" + example);
    }
}
