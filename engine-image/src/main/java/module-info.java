/**
 * vinfer's image pipeline: decoding pictures with ImageIO, Pillow-exact crop and resize, the model's
 * normalisation, and {@link dev.vinfer.image.ImageClassifier}, the short path from a picture to its
 * top-k labels. A module of its own so that the engine core stays free of {@code java.desktop}:
 * servers that feed tensors need not carry AWT.
 */
module dev.vinfer.image {
    requires transitive dev.vinfer.core;
    // javax.imageio decodes pictures; BufferedImage is part of this module's API.
    requires transitive java.desktop;

    exports dev.vinfer.image;
}
