package dev.vinfer.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UntrustedTextTest {

    @Test
    void cleanNamesPassUnchanged() {
        assertEquals("conv1.conv.0.weight", UntrustedText.name("conv1.conv.0.weight"));
    }

    @Test
    void controlCharactersAreEscapedAndQuoted() {
        assertEquals("'a\\x0avinfer: ok\\x0d'", UntrustedText.name("a\nvinfer: ok\r"));
        assertEquals("'\\x1b[31mred'", UntrustedText.quote("\u001b[31mred"));
        assertEquals("' '", UntrustedText.name(" "), "a blank name is made visible");
    }

    @Test
    void lengthIsBounded() {
        String longName = "x".repeat(10_000);
        String shown = UntrustedText.name(longName);
        assertEquals(UntrustedText.MAX_CHARS + 5, shown.length(), shown); // quotes and "..."
        String line = UntrustedText.line("y".repeat(5000) + "\n", 100);
        assertEquals(103, line.length());
        assertTrue(!line.contains("\n"));
        assertEquals("tab\\x09ok", UntrustedText.line("tab\tok", 100));
    }
}
