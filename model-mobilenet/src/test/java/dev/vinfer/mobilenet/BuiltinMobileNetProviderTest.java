package dev.vinfer.mobilenet;

import dev.vinfer.api.VinferException;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
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
        NetworkDefinition def = Vinfer.read("builtin:mobilenet_v1_0.25_96");
        NetworkDefinition expected = MobileNetV1.synthetic(0.25, 96, 1000, 42);
        assertEquals(expected.name(), def.name());
        assertEquals(TensorShape.image(96, 96, 3), def.inputShape());
        assertEquals(1000, def.classCount());
        assertEquals(expected.layers().size(), def.layers().size());
        assertArrayEquals(((dev.vinfer.ops.Convolution) expected.layers().get(5)).weights(),
                ((dev.vinfer.ops.Convolution) def.layers().get(5)).weights(), "same seed, same weights");
        assertEquals("builtin:mobilenet_v1_1.0_224", BuiltinMobileNetProvider.name(1.0, 224));
        assertEquals(TensorShape.image(224, 224, 3), Vinfer.read(BuiltinMobileNetProvider.name(1.0, 224)).inputShape());
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
