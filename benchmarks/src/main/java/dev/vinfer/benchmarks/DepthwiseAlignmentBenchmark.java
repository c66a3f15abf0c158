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
 * {@link DepthwiseLayoutBenchmark#nhwc}. The weights, the input and the output are read and written
 * starting {@code shift} floats into their arrays. A Java array's first element sits where the
 * collector put the array; here the fork pins it: G1 with 1 MB regions places every array of half a
 * region or more at a region boundary, and the arrays are made at least that large, so with
 * HotSpot's default object header (16 bytes before a float array's first element) shift 12 puts
 * every 512-bit load and store on a cache line and the other shifts split some or all of them
 * across two. The engine's large activation slots are such arrays under G1 with the region sizes
 * of ordinary heaps, so its NHWC maps start 16 bytes past a line: shift 0 here.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar DepthwiseAlignmentBenchmark -jvm $JAVA_HOME/bin/java -f 1 -wi 2 -i 5}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=1m", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class DepthwiseAlignmentBenchmark {
    @Param({"56x128", "28x256"})
    public String shape;

    /** Floats; even, because an array's first element is always on an 8-byte boundary. */
    @Param({"0", "2", "4", "6", "8", "10", "12", "14"})
    public int shift;

    /** Half a 1 MB region, in floats: G1 gives arrays this large regions of their own. */
    private static final int REGION_ALIGNED_FLOATS = (512 << 10) / Float.BYTES;

    private DepthwiseLayoutBenchmark probe;

    @Setup
    public void allocate() {
        probe = new DepthwiseLayoutBenchmark();
        probe.shape = shape;
        probe.allocate(REGION_ALIGNED_FLOATS);
    }

    @Benchmark
    public float[] nhwc() {
        return probe.nhwcShifted(shift);
    }
}
