package dev.vinfer.benchmarks;

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

import java.util.concurrent.TimeUnit;

/**
 * A probe, not engine code: what 64-byte alignment is worth to the NHWC depthwise interior of
 * {@link DepthwiseLayoutBenchmark#nhwc}. The same input and output arrays are read and written
 * starting {@code shift} floats in; a Java array's first element sits where the collector put the
 * array (16 bytes past a 64-byte boundary for a G1 humongous array, anywhere on an 8-byte boundary
 * otherwise), so one of the even shifts makes every 512-bit load and store line-aligned, and the
 * others split some or all of them across two cache lines. Which shift that is depends on the run;
 * the spread between the fastest shift and the rest is the figure.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar DepthwiseAlignmentBenchmark -jvm $JAVA_HOME/bin/java -f 1 -wi 2 -i 3}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DepthwiseAlignmentBenchmark {
    @Param({"56x128", "28x256"})
    public String shape;

    /** Floats; even, because an array's first element is always on an 8-byte boundary. */
    @Param({"0", "2", "4", "6", "8", "10", "12", "14"})
    public int shift;

    private DepthwiseLayoutBenchmark probe;

    @Setup
    public void allocate() {
        probe = new DepthwiseLayoutBenchmark();
        probe.shape = shape;
        probe.allocate();
    }

    @Benchmark
    public float[] nhwc() {
        return probe.nhwcShifted(shift);
    }
}
