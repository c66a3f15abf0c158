package dev.vinfer.onnx;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every one of the 117 ONNX backend node tests in {@code ../shared/onnx} imports, and its test data
 * loads with the shapes the graph declares. Executing them against the expected outputs is the
 * engine's conformance suite (it uses {@link OnnxNodeTestCase} too).
 */
class OnnxNodeTestsImportTest {

    @Test
    void everyNodeTestImportsAndItsTensorsFitTheDeclaredShapes() throws Exception {
        List<String> cases = OnnxNodeTestCase.caseNames();
        assertEquals(117, cases.size(), "node-tests.txt should list the 117 cases of the README");
        Map<String, Integer> perOp = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String name : cases) {
            try {
                OnnxNodeTestCase c = OnnxNodeTestCase.load(name);
                assertFalse(c.graph().nodes().isEmpty() && c.graph().constants().isEmpty() && c.inputs().isEmpty(), name);
                for (Node n : c.graph().nodes()) {
                    perOp.merge(n.op(), 1, Integer::sum);
                }
                if (c.graph().nodes().isEmpty()) {
                    perOp.merge("(constants only)", 1, Integer::sum);
                }
                checkShapes(name, c.graph().inputs(), c.inputs());
                checkShapes(name, c.graph().outputs(), c.expected());
                assertFalse(c.expected().isEmpty(), name + ": no expected outputs");
            } catch (Exception | AssertionError e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        System.out.println("ONNX node tests imported, nodes per operator: " + perOp);
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " failed:\n" + String.join("\n", failures));
    }

    private static void checkShapes(String name, List<ValueInfo> declared, Map<String, NdArray> loaded) {
        assertEquals(declared.size(), loaded.size(), name);
        for (ValueInfo v : declared) {
            NdArray t = loaded.get(v.name());
            assertTrue(v.hasShape(), name + ": " + v.name() + " declares no shape");
            assertTrue(OnnxImporter.shapeMatches(v, t), name + ": " + v + " loaded as " + t.shapeText());
        }
    }

    @Test
    void weightsFedAsInputsBindAsConstants() throws Exception {
        OnnxNodeTestCase c = OnnxNodeTestCase.load("test_basic_conv_with_padding");
        assertEquals(List.of("x", "W"), c.graph().inputs().stream().map(ValueInfo::name).toList());
        var bound = OnnxImporter.bindInputsAsConstants(c.graph(), Map.of("W", c.inputs().get("W")));
        assertEquals(List.of("x"), bound.inputs().stream().map(ValueInfo::name).toList());
        assertTrue(bound.isConstant("W"));
        assertEquals(9, bound.parameterCount());
    }
}
