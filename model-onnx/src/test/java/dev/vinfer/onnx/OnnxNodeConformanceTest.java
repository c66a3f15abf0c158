package dev.vinfer.onnx;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every ONNX backend node test in {@code ../shared/onnx/node} runs through the engine the way
 * {@code vinfer run} runs a model ({@link Model#run(Map)} on the importer's graph, after the passes and
 * the planner) and must match ONNX's expected outputs within rtol 1e-3, atol 1e-6. There is no list of
 * expected failures. Node tests feed weights as graph inputs; those a kernel needs at load (a Conv's
 * weight and bias, BatchNorm's statistics, Clip's bounds, Pad's pads, Reshape's shape) are bound as
 * constants first, as the importer's {@link OnnxImporter#bindInputsAsConstants} allows; every other
 * input (both operands of an Add, a MatMul, a Concat) stays a runtime input.
 */
class OnnxNodeConformanceTest {
    /** Operator inputs that must be known when the model is planned. */
    private static final Map<String, Set<Integer>> LOAD_TIME_INPUTS = Map.of(
            Ops.CONV, Set.of(1, 2),
            Ops.BATCH_NORMALIZATION, Set.of(1, 2, 3, 4),
            Ops.CLIP, Set.of(1, 2),
            Ops.PAD, Set.of(1, 2),
            Ops.RESHAPE, Set.of(1));

    static List<String> cases() {
        return OnnxNodeTestCase.caseNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalarBackendMatchesOnnx(String name) throws Exception {
        runCase(name, "scalar", 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void twoThreadsGiveTheSameBits(String name) throws Exception {
        OnnxNodeTestCase test = OnnxNodeTestCase.load(name);
        Map<String, NdArray> one = run(test, "scalar", 1);
        Map<String, NdArray> two = run(test, "scalar", 2);
        for (String output : one.keySet()) {
            assertArrayEquals(one.get(output).data(), two.get(output).data(), name + ": " + output);
        }
    }

    private static void runCase(String name, String backend, int threads) throws Exception {
        OnnxNodeTestCase test = OnnxNodeTestCase.load(name);
        Map<String, NdArray> actual = run(test, backend, threads);
        assertEquals(test.expected().keySet(), actual.keySet(), name + ": outputs");
        for (var expected : test.expected().entrySet()) {
            NdArray got = actual.get(expected.getKey());
            assertArrayEquals(expected.getValue().shape(), got.shape(), name + ": shape of " + expected.getKey());
            assertClose(name + ": " + expected.getKey(), expected.getValue().data(), got.data());
        }
    }

    static Map<String, NdArray> run(OnnxNodeTestCase test, String backend, int threads) {
        Map<String, NdArray> bound = new LinkedHashMap<>();
        Map<String, NdArray> fed = new LinkedHashMap<>(test.inputs());
        for (Node node : test.graph().nodes()) {
            for (int i : LOAD_TIME_INPUTS.getOrDefault(node.op(), Set.of())) {
                String value = node.input(i);
                if (fed.containsKey(value)) {
                    bound.put(value, fed.remove(value));
                }
            }
        }
        Graph graph = OnnxImporter.bindInputsAsConstants(test.graph(), bound);
        try (Model model = Vinfer.compile(graph, ModelOptions.defaults().withBackend(backend).withThreads(threads))) {
            return model.run(fed);
        }
    }

    static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = OnnxNodeTestCase.ATOL + OnnxNodeTestCase.RTOL * Math.abs(expected[i]);
            boolean bothNaN = Float.isNaN(expected[i]) && Float.isNaN(actual[i]);
            if (!bothNaN && !(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " (first of "
                        + expected.length + "; expected " + Arrays.toString(Arrays.copyOf(expected, Math.min(8, expected.length))) + "...)");
            }
        }
    }
}
