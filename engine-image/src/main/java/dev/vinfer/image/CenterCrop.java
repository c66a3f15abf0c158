package dev.vinfer.image;

/**
 * The largest centred region of an image that has the target's aspect ratio: a square for a square
 * model input. Offsets round down, as {@code (size - crop) // 2} does in the Python pipelines the
 * reference inputs were made with.
 */
record CenterCrop(int x, int y, int width, int height) {

    static CenterCrop of(int imageWidth, int imageHeight, int targetWidth, int targetHeight) {
        // Compare aspect ratios by cross-multiplying in long: no rounding for the common square case.
        long wide = (long) imageWidth * targetHeight;
        long tall = (long) imageHeight * targetWidth;
        int w = imageWidth;
        int h = imageHeight;
        if (wide > tall) {
            w = (int) Math.max(1, Math.round((double) imageHeight * targetWidth / targetHeight));
        } else if (tall > wide) {
            h = (int) Math.max(1, Math.round((double) imageWidth * targetHeight / targetWidth));
        }
        return new CenterCrop((imageWidth - w) / 2, (imageHeight - h) / 2, w, h);
    }
}
