package dev.vinfer.simd;

import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The BoundLayer contract: every output element is computed by one task in an order independent of
 * how tasks are grouped, so logits are bit-identical for any thread count and across runs.
 */
class DeterminismTest {

    @Test
    void bitIdenticalForOneToFourThreadsAndRepeatedRuns() {
        // Width 0.75 has channel counts (24, 48, 96...) that are not lane multiples: tails included.
        NetworkDefinition net = MobileNetV1.synthetic(0.75, 128, 1000, 3);
        Tensor input = MobileNetAgreementTest.image(3, 128, 9);
        float[] reference = null;
        for (int threads = 1; threads <= 4; threads++) {
            try (Model model = Vinfer.compile(net, ModelOptions.defaults().withBackend("simd").withThreads(threads))) {
                InferenceSession session = model.newSession();
                for (int run = 0; run < 3; run++) {
                    float[] logits = session.run(input).allLogits();
                    if (reference == null) {
                        reference = logits;
                    } else {
                        assertArrayEquals(reference, logits, "threads " + threads + ", run " + run); // exact: no tolerance
                    }
                }
            }
        }
    }
}
