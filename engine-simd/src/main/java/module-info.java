/**
 * vinfer's Vector API backend: NHWC convolution, pooling and dense kernels with BatchNorm already
 * folded into the weights and the activation fused into the store.
 *
 * <p>{@code jdk.management} gives the HotSpot flag checks ({@code -Xint}, {@code TieredStopAtLevel})
 * that decide whether the Vector API would be compiled by C2 or crawl in the interpreter.
 */
module dev.vinfer.simd {
    requires dev.vinfer.core;
    requires jdk.incubator.vector;
    requires jdk.management;

    provides dev.vinfer.spi.Backend with dev.vinfer.simd.SimdBackend;
}
