/**
 * The vinfer engine core: NHWC tensors, the SPI of layer operators ({@link dev.vinfer.spi.Backend})
 * and of model formats ({@link dev.vinfer.spi.ModelProvider}), the embedder API ({@link dev.vinfer.api.Vinfer})
 * and the scalar reference backend every other backend is tested against.
 *
 * <p>This module requires {@code java.base} only: it never reads {@code jdk.incubator.vector} (it
 * must run on any JDK 25) nor {@code java.desktop} (pictures are the {@code dev.vinfer.image} module's job).
 */
module dev.vinfer.core {
    exports dev.vinfer.api;
    exports dev.vinfer.tensor;
    exports dev.vinfer.ops;
    exports dev.vinfer.graph;
    exports dev.vinfer.spi;
    exports dev.vinfer.io;
    exports dev.vinfer.scalar;
    exports dev.vinfer.plan;

    uses dev.vinfer.spi.Backend;
    uses dev.vinfer.spi.ModelProvider;

    provides dev.vinfer.spi.Backend with dev.vinfer.scalar.ScalarBackend;
}
