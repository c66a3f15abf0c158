package dev.vinfer.mobilenet;

import dev.vinfer.api.VinferException;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.Graph;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic MobileNets reached through the model-provider SPI by name, as 'vinfer bench' does. */
class BuiltinMobileNetProviderTest {

    @Test
    void aBuiltinNameBuildsTheSyntheticNetwork() {
        Graph def = Vinfer.read("builtin:mobilenet_v1_0.25_96");
        Graph expected = MobileNetV1.synthetic(0.25, 96, 1000, 42).toGraph();
        assertEquals(expected.name(), def.name());
        assertEquals(96, def.metadata().imageSize());
        assertEquals(1000, def.outputs().getFirst().dims()[1]);
        assertEquals(expected.nodes().size(), def.nodes().size());
        String fifth = expected.nodes().get(5).input(1);
        assertArrayEquals(expected.constants().get(fifth).data(), def.constants().get(fifth).data(), "same seed, same weights");
        assertEquals("builtin:mobilenet_v1_1.0_224", BuiltinMobileNetProvider.name(1.0, 224));
        assertEquals(224, Vinfer.read(BuiltinMobileNetProvider.name(1.0, 224)).metadata().imageSize());
        // A Path holding the name works too (a CLI that parsed --model into a Path).
        assertEquals(def.name(), Vinfer.read(Path.of("builtin:mobilenet_v1_0.25_96")).name());
    }

    @Test
    void badNamesAreOneLineErrors() {
        assertEquals("builtin:resnet50: unknown built-in model; built-in models: builtin:mobilenet_v1_<width>_<size>"
                        + " (MobileNet V1 with synthetic weights, width 0.05..2.0, size 16..2048, e.g. builtin:mobilenet_v1_1.0_224)",
                message("builtin:resnet50"));
        assertEquals("builtin:mobilenet_v1_big: not a built-in MobileNet name; expected builtin:mobilenet_v1_<width>_<size>,"
                + " e.g. builtin:mobilenet_v1_1.0_224", message("builtin:mobilenet_v1_big"));
        assertEquals("builtin:mobilenet_v1_3.0_224: width 3.0 is outside 0.05..2.0", message("builtin:mobilenet_v1_3.0_224"));
        assertEquals("builtin:mobilenet_v1_1.0_8: input size 8 is outside 16..2048", message("builtin:mobilenet_v1_1.0_8"));
        assertTrue(message("builtin:x\nforged line").startsWith("'builtin:x\\x0aforged line': unknown built-in model"));
        // Not a builtin name and no such file: the usual file error.
        assertEquals("no-such-model.safetensors: no such file or directory", message("no-such-model.safetensors"));
    }

    private static String message(String name) {
        return assertThrows(VinferException.class, () -> Vinfer.read(name)).getMessage();
    }
}
