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
 * FMA ports of any current x86 or Arm core, so the ports, not a chain, set the pace). Run it in the
 * same JMH invocation as {@link LayerBenchmark}, whose pointwise layers' GFLOP/s then read as a
 * share of what this core can do at all: a virtual machine's clock and turbo are not the part's
 * data sheet, and on a shared host they move from hour to hour.
 *
 * <p>Each operation is one floating-point operation (an FMA on {@code N} lanes counts {@code 2 N}),
 * so JMH's throughput in ops/ns is GFLOP/s.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar 'FmaCeilingBenchmark|LayerBenchmark.*' -p backend=simd \
 *     -p layer=conv_pw_6,conv_pw_7,conv_pw_13 -jvm $JAVA_HOME/bin/java -f 1 -wi 3 -i 5}</pre>
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
    private static final int STEPS = 100_000;
    /** Floating-point operations per invocation, assuming 16 lanes (512-bit vectors); see {@link #lanes}. */
    private static final int FLOPS_AT_16_LANES = CHAINS * STEPS * 2 * 16;

    private float[] seed;

    @Setup
    public void lanes() {
        if (F.length() != 16) {
            // @OperationsPerInvocation is a constant: the figure would be off by 16 / lanes.
            throw new IllegalStateException("FmaCeilingBenchmark counts 16 lanes; this JVM's preferred species has "
                    + F.length() + ": divide its score by " + (16.0 / F.length()));
        }
        seed = new float[2 * F.length()];
        java.util.Arrays.fill(seed, 0.5f);
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS_AT_16_LANES)
    public float fma() {
        FloatVector a = FloatVector.fromArray(F, seed, 0);
        FloatVector b = FloatVector.fromArray(F, seed, F.length());
        FloatVector c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b;
        FloatVector c6 = a, c7 = b, c8 = a, c9 = b, c10 = a, c11 = b;
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
