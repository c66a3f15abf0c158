package dev.vinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShortRunThreadsTest {
    @Test
    void aShortRunLeavesTwoProcessorsToTheCompilerButAlwaysRunsOnOne() {
        assertEquals(1, ShortRunThreads.threadsFor(1, 1));
        assertEquals(1, ShortRunThreads.threadsFor(1, 2));
        assertEquals(1, ShortRunThreads.threadsFor(5, 3));
        assertEquals(2, ShortRunThreads.threadsFor(1, 4));
        assertEquals(14, ShortRunThreads.threadsFor(ShortRunThreads.SHORT_RUN_PICTURES - 1, 16));
    }

    @Test
    void aLongRunGetsTheEnginesDefault() {
        assertEquals(0, ShortRunThreads.threadsFor(ShortRunThreads.SHORT_RUN_PICTURES, 2));
        assertEquals(0, ShortRunThreads.threadsFor(1000, 16));
    }

    @Test
    void theOptionStillWins(@TempDir Path dir) throws Exception {
        Path picture = dir.resolve("p.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
        // The JSON reports the threads the model ran with.
        CliTest.Run given = CliTest.vinfer("classify", "--json", "--threads", "2", "--model", CliTest.MODEL, picture.toString());
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().contains("\"threads\" : 2"), given.out());
        CliTest.Run unset = CliTest.vinfer("classify", "--json", "--model", CliTest.MODEL, picture.toString());
        int expected = ShortRunThreads.threadsFor(1, Runtime.getRuntime().availableProcessors());
        assertTrue(unset.out().contains("\"threads\" : " + expected), unset.out());
    }
}
