package dev.vinfer.benchmarks;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * Every convolution of MobileNet V1 1.0/224 (XNNPACK's {@code mobilenet_v1} shapes) alone, on one
 * thread, per backend, so a slow kernel shows by layer name. GFLOP/s of a layer is
 * {@code 2 * multiply-adds / time}; {@link LayerTable} prints them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LayerBenchmark {
    @Param({"conv1",
            "conv_dw_1", "conv_pw_1", "conv_dw_2", "conv_pw_2", "conv_dw_3", "conv_pw_3", "conv_dw_4", "conv_pw_4",
            "conv_dw_5", "conv_pw_5", "conv_dw_6", "conv_pw_6", "conv_dw_7", "conv_pw_7", "conv_dw_8", "conv_pw_8",
            "conv_dw_9", "conv_pw_9", "conv_dw_10", "conv_pw_10", "conv_dw_11", "conv_pw_11", "conv_dw_12", "conv_pw_12",
            "conv_dw_13", "conv_pw_13"})
    public String layer;

    @Param({"scalar", "simd"})
    public String backend;

    private BoundLayer bound;

    @Setup
    public void bind() {
        NetworkDefinition net = MobileNetV1.synthetic(1.0, 224, 1000, 42);
        int index = layerIndex(net, layer);
        LayerSpec spec = net.layers().get(index);
        TensorShape in = net.shapes().get(index);
        PreparedLayer prepared = backend(backend).prepare(spec, in)
                .orElseGet(() -> ScalarBackend.prepareLayer(spec, in));
        Tensor input = EndToEndBenchmark.randomImage(in, 3);
        bound = prepared.bind(input, Tensor.zeros(spec.outputShape(in)), 1);
    }

    @Benchmark
    public void layer() {
        bound.run(0, bound.taskCount(), 0);
    }

    static int layerIndex(NetworkDefinition net, String name) {
        for (int i = 0; i < net.layers().size(); i++) {
            if (net.layers().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no layer " + name + " in " + net.name());
    }

    static Backend backend(String name) {
        for (Backend b : ServiceLoader.load(Backend.class)) {
            if (b.name().equals(name)) {
                if (!b.availability().usable()) {
                    throw new IllegalStateException(name + " cannot run here: " + b.availability().detail());
                }
                return b;
            }
        }
        throw new IllegalArgumentException("no backend " + name);
    }
}
