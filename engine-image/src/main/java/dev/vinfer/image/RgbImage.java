package dev.vinfer.image;

/**
 * A decoded picture as 8-bit RGB, interleaved row by row: the red, green and blue of pixel
 * {@code (x, y)} are {@code rgb[(y * width + x) * 3 + 0..2]}, each {@code 0..255} read unsigned.
 * Owns its array: callers must not change it after construction.
 *
 * @param width  width in pixels
 * @param height height in pixels
 * @param rgb    {@code width * height * 3} bytes, row by row, red-green-blue
 */
public record RgbImage(int width, int height, byte[] rgb) {

    /**
     * Checks the size against the array.
     *
     * @throws IllegalArgumentException when they disagree or the image is empty
     */
    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + ((long) width * height * 3)
                    + " bytes, got " + rgb.length);
        }
    }

    /**
     * A decoded picture's pixels as RGB, converted as {@link ImageLoader} converts what it decodes
     * (grey copied to all channels, alpha dropped, palettes looked up, 16-bit samples' high byte).
     *
     * @param image a decoded picture
     * @return its pixels as 8-bit RGB
     */
    public static RgbImage of(java.awt.image.BufferedImage image) {
        return RgbConverter.toRgb(java.util.Objects.requireNonNull(image, "image"));
    }

    /**
     * {@return channel {@code c} (0 red, 1 green, 2 blue) of pixel {@code (x, y)}, {@code 0..255}}
     *
     * @param x column
     * @param y row
     * @param c channel
     */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }
}
