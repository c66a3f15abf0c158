package dev.vinfer.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The machine's one-core ceiling for the GEMM kernels, in GFLOP/s: FMAs of the preferred species
 * with no memory operand, {@value #CHAINS} independent chains (more than the FMA latency times the
 * FMA ports of current x86 cores, so the ports, not a chain, set the pace). It is the loop that
 * {@code vinfer bench} calibrates its "% of FMA peak" with ({@code PeakFlops}), as a JMH benchmark so
 * that it runs in the same invocation as {@link LayerBenchmark}, whose pointwise layers' GFLOP/s
 * then read as a share of what this core can do at all: a virtual machine's clock is not the part's
 * data sheet, and on a shared host it moves from hour to hour.
 *
 * <p>Each operation is one floating-point operation (an FMA on {@code L} lanes counts {@code 2 L}), and
 * an invocation does the same number of them at any vector width, so JMH's ops/ns is GFLOP/s.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar 'FmaCeilingBenchmark|LayerBenchmark' -p backend=simd \
 *     -p layer=conv_pw_2,conv_pw_6,conv_pw_7,conv_pw_12,conv_pw_13 -jvm $JAVA_HOME/bin/java -f 1 -wi 3 -i 5}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaCeilingBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    /** Floating-point operations per invocation: 12 chains x 100,000 steps of 16 lanes. */
    private static final int FLOPS = CHAINS * 100_000 * 2 * 16;
    /** Steps per invocation at this JVM's vector width, so that every width does {@link #FLOPS}. */
    private static final int STEPS = FLOPS / (CHAINS * 2 * F.length());

    /** One distinct start value per chain, then the two FMA operands. */
    private float[] starts;

    @Setup
    public void fill() {
        starts = new float[CHAINS + 2];
        for (int i = 0; i < CHAINS; i++) {
            starts[i] = 0.1f * (i + 1);
        }
        starts[CHAINS] = 0.999999f;
        starts[CHAINS + 1] = 1e-6f;
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS)
    public float fma() {
        FloatVector a = FloatVector.broadcast(F, starts[CHAINS]);
        FloatVector b = FloatVector.broadcast(F, starts[CHAINS + 1]);
        FloatVector c0 = FloatVector.broadcast(F, starts[0]), c1 = FloatVector.broadcast(F, starts[1]);
        FloatVector c2 = FloatVector.broadcast(F, starts[2]), c3 = FloatVector.broadcast(F, starts[3]);
        FloatVector c4 = FloatVector.broadcast(F, starts[4]), c5 = FloatVector.broadcast(F, starts[5]);
        FloatVector c6 = FloatVector.broadcast(F, starts[6]), c7 = FloatVector.broadcast(F, starts[7]);
        FloatVector c8 = FloatVector.broadcast(F, starts[8]), c9 = FloatVector.broadcast(F, starts[9]);
        FloatVector c10 = FloatVector.broadcast(F, starts[10]), c11 = FloatVector.broadcast(F, starts[11]);
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        // Every chain feeds the result, so none is dead code.
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
