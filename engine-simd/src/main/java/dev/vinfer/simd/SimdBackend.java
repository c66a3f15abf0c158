package dev.vinfer.simd;

import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Pooling;
import dev.vinfer.ops.Softmax;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.BackendAvailability;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.TensorShape;

import java.util.List;
import java.util.Optional;

/**
 * The Vector API backend. Usable only when {@code jdk.incubator.vector} is in the module graph,
 * HotSpot's C2 compiles the code and the CPU has vectors of at least 128 bits; otherwise the engine
 * falls back to the scalar reference and logs why (with the {@code --add-modules} hint).
 *
 * <p>Kernels: pointwise convolutions and dense layers as a register-blocked GEMM
 * ({@link GemmMinmax7x2v}), depthwise 3x3 ({@link DwConv3x3Minmax1x1v}), any other ungrouped
 * convolution through im2col + the same GEMM, global average pooling and windowed max/average
 * pooling ({@link Pool2d1v}). Softmax (and grouped or
 * non-3x3 depthwise convolutions) stay with the scalar reference.
 *
 * <p>The test-only system property {@code vinfer.simd.vectorBits} (128, 256, 512) forces a narrower
 * species so that one AVX-512 machine exercises the code paths of AVX2 and NEON CPUs.
 */
public final class SimdBackend implements Backend {
    public static final String NAME = "simd";
    /**
     * {@code -Dvinfer.simd.fuse=false} turns the depthwise + pointwise fusion off: for A/B
     * measurements and for tracking down a difference, never needed otherwise.
     */
    static final String FUSE_PROPERTY = "vinfer.simd.fuse";

    /** Touches nothing: the checks run in {@link #availability()}, as the SPI requires. */
    public SimdBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JDK Vector API kernels (jdk.incubator.vector): GEMM pointwise, depthwise 3x3, fused clamps";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public BackendAvailability availability() {
        Optional<String> problem = SimdSupport.unusableReason();
        if (problem.isPresent()) {
            return BackendAvailability.unusable(problem.get());
        }
        return BackendAvailability.usable(Lanes.BITS + "-bit vectors (" + Lanes.N + " floats)"
                + (SimdSupport.forcedBits() > 0 ? ", forced by " + SimdSupport.VECTOR_BITS_PROPERTY : ""));
    }

    @Override
    public Optional<PreparedLayer> prepare(LayerSpec spec, TensorShape imageShape) {
        if (SimdSupport.unusableReason().isPresent()) {
            return Optional.empty(); // never touch vector classes where they cannot run
        }
        spec.outputShape(imageShape); // validates the input shape once, at load
        if (!BlendClamp.allows(spec)) {
            return Optional.empty(); // a signed-zero clamp bound: see BlendClamp
        }
        return Optional.ofNullable(switch (spec) {
            case Convolution conv when conv.isDilated() -> null; // no dilated kernels yet: the scalar reference runs it
            case Convolution conv when conv.isPointwise() -> PointwiseConvGemm.pointwise(conv);
            case Convolution conv when DwConv3x3Minmax1x1v.supports(conv) -> new DwConv3x3Minmax1x1v(conv);
            case Convolution conv when conv.groups() == 1 -> new Im2colConvGemm(conv);
            case Convolution conv -> null;
            case Dense dense -> PointwiseConvGemm.dense(dense);
            case GlobalAveragePool pool -> new GlobalAvgPool1v(pool);
            case Pooling pool -> new Pool2d1v(pool);
            case Softmax softmax -> null; // one small vector per image: the scalar reference is fine
        });
    }

    /** Fuses a depthwise 3x3 convolution with the pointwise one after it ({@link DepthwisePointwiseFused}). */
    @Override
    public Optional<PreparedLayer> prepareChain(List<LayerSpec> chain, TensorShape imageShape) {
        if (SimdSupport.unusableReason().isPresent() || !Boolean.parseBoolean(System.getProperty(FUSE_PROPERTY, "true"))
                || !chain.stream().allMatch(BlendClamp::allows)) {
            return Optional.empty();
        }
        if (chain.size() == 2 && chain.get(0) instanceof Convolution dw && chain.get(1) instanceof Convolution pw
                && DepthwisePointwiseFused.supports(dw, pw)) {
            pw.outputShape(dw.outputShape(imageShape)); // validates the shapes once, at load
            return Optional.of(new DepthwisePointwiseFused(dw, pw));
        }
        return Optional.empty();
    }
}
