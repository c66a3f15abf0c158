/**
 * vinfer's Vector API backend: NHWC convolution, pooling and dense kernels with BatchNorm already
 * folded into the weights and the activation fused into the store.
 */
module dev.vinfer.simd {
    requires dev.vinfer.core;
    requires jdk.incubator.vector;
}
