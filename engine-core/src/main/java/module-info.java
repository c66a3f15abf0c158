/**
 * The vinfer engine core: NHWC tensors, the SPI of layer operators ({@link dev.vinfer.spi.Backend})
 * and of model formats ({@link dev.vinfer.spi.ModelProvider}), the embedder API ({@link dev.vinfer.api.Vinfer})
 * and the scalar reference backend every other backend is tested against.
 *
 * <p>This module never reads {@code jdk.incubator.vector}: it must run on any JDK 25.
 */
module dev.vinfer.core {
    // javax.imageio decodes pictures for dev.vinfer.image.
    requires java.desktop;

    exports dev.vinfer.api;
    exports dev.vinfer.tensor;
    exports dev.vinfer.ops;
    exports dev.vinfer.graph;
    exports dev.vinfer.plan;
    exports dev.vinfer.spi;
    exports dev.vinfer.io;
    exports dev.vinfer.scalar;
    exports dev.vinfer.scalar.ops;
    exports dev.vinfer.image;

    uses dev.vinfer.spi.Backend;
    uses dev.vinfer.spi.ModelProvider;

    provides dev.vinfer.spi.Backend with dev.vinfer.scalar.ScalarBackend;
}
