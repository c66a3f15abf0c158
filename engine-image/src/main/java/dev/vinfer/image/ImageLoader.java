package dev.vinfer.image;

import dev.vinfer.api.VinferException;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes an image file (JPEG, PNG, BMP, GIF, and whatever other ImageIO readers are installed) into
 * 8-bit {@link RgbImage}; see {@link RgbConverter} for how grey, alpha, palettes and 16-bit samples
 * become RGB. Multi-frame files (animated GIF) give their first frame. EXIF orientation is not
 * applied, as Pillow does not apply it unless asked ({@code ImageOps.exif_transpose}).
 *
 * <p>The size the header declares is checked <em>before</em> any pixel is decoded, so a tiny file
 * claiming a gigapixel cannot exhaust memory. Every failure is a {@link VinferException} whose
 * one-line message starts with the file name. Thread-safe: each call uses its own reader.
 */
public final class ImageLoader {
    /** Default cap on declared width x height: 100 megapixels (300 MB as RGB). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private final long maxPixels;

    /** A loader refusing pictures over {@link #DEFAULT_MAX_PIXELS}. */
    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * A loader with its own pixel limit.
     *
     * @param maxPixels the largest width x height accepted, checked against the header
     */
    public ImageLoader(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * Reads {@code file}'s first image as RGB.
     *
     * @param file a picture file
     * @return its pixels
     * @throws dev.vinfer.api.VinferException naming the file when it cannot be read or decoded
     */
    public RgbImage load(Path file) {
        checkFile(file);
        String source = file.toString();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw fail(source, "cannot open for reading");
            }
            return read(source, in);
        } catch (IOException e) {
            throw fail(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a picture already in memory (e.g. the {@code content} column of Spark's
     * {@code binaryFile} source), with the same checks and pixels as {@link #load(Path)}.
     *
     * @param content the encoded picture
     * @param name    what error messages call the picture, typically its path or URI
     * @return its pixels
     * @throws dev.vinfer.api.VinferException naming the picture when it cannot be decoded
     */
    public RgbImage load(byte[] content, String name) {
        if (content.length == 0) {
            throw fail(name, "empty file (0 bytes), not an image");
        }
        return load(new java.io.ByteArrayInputStream(content), name);
    }

    /**
     * Reads the first image of an encoded picture (the bytes of a JPEG, PNG, ... file) from
     * {@code stream}, which is read as far as the picture goes and left open.
     *
     * @param stream the encoded picture
     * @param name   what error messages call the picture, e.g. an upload's file name or a URL
     * @return its pixels
     * @throws dev.vinfer.api.VinferException naming the picture when it cannot be read or decoded
     */
    public RgbImage load(InputStream stream, String name) {
        Objects.requireNonNull(stream, "stream");
        String source = Objects.requireNonNull(name, "name");
        // In memory rather than ImageIO's default temporary-file cache: nothing is left on disk.
        try (ImageInputStream in = new MemoryCacheImageInputStream(stream)) {
            return read(source, in);
        } catch (IOException e) {
            throw fail(source, "cannot read: " + e.getMessage(), e);
        }
    }

    private RgbImage read(String source, ImageInputStream in) {
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw fail(source, "not an image format this JVM can read (supported: " + supportedFormats() + ")");
            }
            ImageReader reader = readers.next();
            try {
                return decode(source, reader, in);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw fail(source, explain(e), e);
        } catch (IOException e) {
            throw fail(source, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof VinferException v) {
                throw v;
            }
            // Decoders throw assorted unchecked exceptions on corrupt data; none of them is our bug to report.
            throw fail(source, "damaged image data (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private RgbImage decode(String file, ImageReader reader, ImageInputStream in) throws IOException {
        reader.setInput(in, true, true);
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        // getWidth/getHeight read the header only: refuse huge images before a pixel is allocated.
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width < 1 || height < 1) {
            throw fail(file, format + " header declares an impossible size " + width + "x" + height);
        }
        if (width * height > maxPixels) {
            throw fail(file, format + " header declares " + width + "x" + height + " = " + megapixels(width * height)
                    + " megapixels, over the limit of " + megapixels(maxPixels) + " megapixels; not decoded");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        // A truncated JPEG decodes "successfully" with a grey bottom and a warning; Pillow refuses it, so do we.
        if (!warnings.isEmpty()) {
            throw fail(file, "damaged " + format + ": " + warnings.getFirst());
        }
        return RgbConverter.toRgb(image);
    }

    private static void checkFile(Path path) {
        String file = path.toString();
        if (!Files.exists(path)) {
            throw fail(file, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw fail(file, "not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw fail(file, "not readable");
        }
        try {
            if (Files.size(path) == 0) {
                throw fail(file, "empty file (0 bytes), not an image");
            }
        } catch (IOException e) {
            throw fail(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String explain(IIOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unsupported Image Type")) {
            // The JDK's JPEG reader has no CMYK/YCCK support.
            return "a CMYK or YCCK JPEG, which Java's ImageIO cannot decode; convert it to RGB first";
        }
        Throwable cause = e.getCause();
        String detail = cause != null && cause.getMessage() != null ? message + ": " + cause.getMessage() : message;
        return "damaged or truncated image (" + detail + ")";
    }

    private static String megapixels(long pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels / 1e6);
    }

    private static String supportedFormats() {
        return String.join(", ", Arrays.stream(ImageIO.getReaderFormatNames())
                .map(s -> s.toUpperCase(Locale.ROOT)).distinct().sorted().toList());
    }

    private static VinferException fail(String file, String problem) {
        return new VinferException(file + ": " + oneLine(problem));
    }

    private static VinferException fail(String file, String problem, Throwable cause) {
        return new VinferException(file + ": " + oneLine(problem), cause);
    }

    /** Decoder messages sometimes span lines; ours are one line. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
