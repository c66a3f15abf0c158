package dev.vinfer.cli;

import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.RgbImage;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Decodes the first picture on a background thread while the model loads. Decoding does not depend
 * on the model (the resize to its input size does), and on a cold JVM it takes 40-60 ms for a
 * 512x384 JPEG, mostly ImageIO starting up, which the load no longer waits for.
 *
 * <p>The outcome is handed over unchanged: {@link #load} returns the picture or throws the very
 * exception {@link ImageLoader#load} threw, when the command gets to that file, so a bad picture is
 * reported exactly as without the prefetch. Every other file is loaded on the caller's thread.
 */
final class ImagePrefetch {
    private final ImageLoader loader;
    private final Path first;
    private final FutureTask<RgbImage> decoding;
    private boolean handedOver;

    private ImagePrefetch(ImageLoader loader, Path first) {
        this.loader = loader;
        this.first = first;
        this.decoding = new FutureTask<>(() -> loader.load(first));
        Thread thread = new Thread(decoding, "vinfer-decode");
        thread.setDaemon(true); // a model that fails to load must not wait for it
        thread.start();
    }

    /** Starts decoding {@code first} in the background. */
    static ImagePrefetch start(ImageLoader loader, Path first) {
        return new ImagePrefetch(loader, first);
    }

    /**
     * {@return {@code file}'s pixels, as {@link ImageLoader#load} gives them} The first file's come
     * from the background decode (once); any other file is decoded now.
     *
     * @param file a picture file
     * @throws dev.vinfer.api.VinferException as {@link ImageLoader#load}
     */
    RgbImage load(Path file) {
        if (handedOver || !file.equals(first)) {
            return loader.load(file);
        }
        handedOver = true;
        try {
            return decoding.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("decoding " + file + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loader.load(file);
        }
    }
}
