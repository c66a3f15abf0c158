package dev.vinfer.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    @Test
    void rendersAClampedBar() {
        assertEquals("bench [############............]  50%  half", ProgressBar.render("bench", 0.5, "half"));
        assertEquals("[........................]   0%  x", ProgressBar.render("", -3, "x"));
        assertEquals("[########################] 100%  x", ProgressBar.render("", 7, "x"));
        assertEquals("[........................]   0%  x", ProgressBar.render("", Double.NaN, "x"));
    }

    @Test
    void staysOnOneLineAndEndsWithANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "t");
        bar.update(0.1, "a much longer status text");
        bar.update(0.2, "rate-limited away");
        bar.finish("done");
        bar.update(0.3, "after the end");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), text);
        assertTrue(text.endsWith("done" + " ".repeat("a much longer status text".length() - "done".length()) + System.lineSeparator()), text);
        assertTrue(text.startsWith("\r") && !text.contains("rate-limited") && !text.contains("after the end"), text);
    }
}
