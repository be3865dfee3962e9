package dev.surge.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizesTest {
    @Test
    void bytesAndPowersOf1024() {
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(4096, Sizes.parse("4096B"));
        assertEquals(8 * 1024, Sizes.parse("8KiB"));
        assertEquals(16 * 1024, Sizes.parse("16k"));
        assertEquals(16 * 1024, Sizes.parse("16KB"));
        assertEquals(8L << 20, Sizes.parse("8MiB"));
        assertEquals(8L << 20, Sizes.parse("8 m"));
        assertEquals(3L << 30, Sizes.parse("3GiB"));
        assertEquals(0, Sizes.parse("0"));
    }

    @Test
    void anythingElseSaysWhatToWrite() {
        for (String bad : new String[]{"", "lots", "-1", "1.5MiB", "1TiB", "KiB", "0x10"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad), bad);
            assertEquals("'" + bad + "' is not a size; write " + Sizes.GRAMMAR, e.getMessage());
        }
        assertEquals("'9999999999GiB' is too large a size",
                assertThrows(IllegalArgumentException.class, () -> Sizes.parse("9999999999GiB")).getMessage());
    }

    @Test
    void anIntSettingTakesUpTo2GiBLessOne() {
        assertEquals(Integer.MAX_VALUE, Sizes.parseInt("2147483647"));
        assertEquals("'2GiB' is too large: at most 2147483647 bytes (2GiB - 1)",
                assertThrows(IllegalArgumentException.class, () -> Sizes.parseInt("2GiB")).getMessage());
    }
}
