package dev.vinfer.simd;

import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Once a session is planned, an inference allocates (almost) nothing on the calling thread. */
class SteadyStateAllocationTest {
    private static final int RUNS = 100;
    /**
     * Per run: the {@code Prediction} view {@code InferenceSession.run} returns (about 32 bytes) plus
     * slack for the odd JIT/deoptimisation object. Boxed vectors, masks or per-run scratch would cost
     * kilobytes per layer, hundreds of KB per run, so this bound still catches any of them.
     */
    private static final long BYTES_PER_RUN = 256;

    @Test
    void hundredRunsAllocateOnlyThePredictionViews() {
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        try (Model model = Vinfer.compile(MobileNetV1.synthetic(0.25, 96, 1000, 1),
                ModelOptions.defaults().withBackend("simd").withThreads(1))) {
            InferenceSession session = model.newSession();
            Tensor input = MobileNetAgreementTest.image(1, 96, 2);
            // Warm up until C2 has compiled the kernels: interpreted vector code allocates by design.
            for (int i = 0; i < 1500; i++) {
                session.run(input);
            }
            // A deoptimisation and recompile during a round allocates while interpreted; steady state
            // is the best of a few rounds, and every round allocating would still fail.
            long perRun = Long.MAX_VALUE;
            for (int round = 0; round < 5 && perRun > BYTES_PER_RUN; round++) {
                long before = threadBean.getThreadAllocatedBytes(thread);
                for (int i = 0; i < RUNS; i++) {
                    session.run(input);
                }
                perRun = Math.min(perRun, (threadBean.getThreadAllocatedBytes(thread) - before) / RUNS);
            }
            System.out.println("steady-state allocation: " + perRun + " bytes per inference");
            assertTrue(perRun <= BYTES_PER_RUN, "steady-state inference allocated " + perRun + " bytes per run");
        }
    }
}
