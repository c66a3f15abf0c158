package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.mobilenet.TestDefinitions;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the provider builds from the real topologies: layers, folding, padding, labels, config.json. */
class TfjsModelStructureTest {
    @TempDir
    Path temp;

    @Test
    void buildsMobileNetFromTheTopology() {
        for (String name : List.of(SharedData.KERAS_025, SharedData.KERAS_075)) {
            NetworkDefinition net = TestDefinitions.read(SharedData.model(name));
            assertEquals(TensorShape.image(224, 224, 3), net.inputShape());
            assertEquals(Preprocessing.MINUS_ONE_TO_ONE.toString(), net.preprocessing().toString());
            List<LayerSpec> layers = net.layers();
            assertEquals(1 + 2 * 13 + 2, layers.size(), name); // stem, 13 dw+pw blocks, pool, classifier
            Convolution stem = assertInstanceOf(Convolution.class, layers.getFirst());
            assertEquals("conv1", stem.name());
            // TF "same" on stride 2 and an even input: the extra row/column goes bottom/right only.
            assertEquals(new Padding(0, 0, 1, 1), stem.padding());
            assertEquals(Clamp.RELU6, stem.clamp());
            Convolution dw1 = (Convolution) layers.get(1);
            assertTrue(dw1.isDepthwise());
            assertEquals(Padding.symmetric(1), dw1.padding());
            Convolution dw2 = (Convolution) layers.get(3);
            assertEquals(2, dw2.strideH());
            assertEquals(new Padding(0, 0, 1, 1), dw2.padding());
            assertTrue(((Convolution) layers.get(2)).isPointwise());
            assertInstanceOf(GlobalAveragePool.class, layers.get(layers.size() - 2));
            Dense classifier = assertInstanceOf(Dense.class, layers.getLast());
            assertEquals("conv_preds", classifier.name());
            assertEquals(Clamp.NONE, classifier.clamp());
            assertEquals(1000, net.classCount());
        }
        assertEquals(8, ((Convolution) TestDefinitions.read(SharedData.model(SharedData.KERAS_025)).layers().getFirst()).outChannels());
        assertEquals(24, ((Convolution) TestDefinitions.read(SharedData.model(SharedData.KERAS_075)).layers().getFirst()).outChannels());
    }

    @Test
    void labelsComeFromMetadataJson() throws IOException {
        List<String> expected = Files.readAllLines(SharedData.require("models/labels/imagenet_labels_1000.txt"), StandardCharsets.UTF_8);
        assertEquals(1000, expected.size());
        assertEquals(expected, TestDefinitions.read(SharedData.model(SharedData.KERAS_025)).labels());
        assertEquals(expected, TestDefinitions.read(SharedData.model(SharedData.KERAS_075)).labels());
        assertEquals("tench, Tinca tinca", expected.getFirst());
    }

    @Test
    void noMetadataMeansNoLabels() throws IOException {
        ModelCopy copy = ModelCopy.of(SharedData.KERAS_025, temp.resolve("m"));
        Files.delete(copy.dir.resolve("metadata.json"));
        assertTrue(TestDefinitions.read(copy.dir).labels().isEmpty());
    }

    @Test
    void configJsonSetsLabelsPreprocessingAndInputSize() throws IOException {
        ModelCopy copy = ModelCopy.of(SharedData.KERAS_025, temp.resolve("m"));
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            labels.append("class ").append(i).append('\n');
        }
        Files.writeString(copy.dir.resolve("classes.txt"), labels);
        Files.writeString(copy.dir.resolve("config.json"), """
                {"labels": "classes.txt",
                 "preprocessing": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
                 "inputSize": [192, 160]}
                """);
        NetworkDefinition net = TestDefinitions.read(copy.dir.resolve("model.json"));
        assertEquals("class 999", net.labels().getLast());
        assertEquals(1000, net.labels().size());
        assertArrayEquals(Preprocessing.IMAGENET.mean(), net.preprocessing().mean());
        assertEquals(TensorShape.image(192, 160, 3), net.inputShape());
        // "same" padding is recomputed for the new size: 160 is even, so stride 2 still pads bottom/right.
        assertEquals(new Padding(0, 0, 1, 1), ((Convolution) net.layers().getFirst()).padding());
    }

    /**
     * Later Keras writes MobileNet's stride-2 "same" as ZeroPadding2D(((0,1),(0,1))) + "valid";
     * both spellings must give the same network and the same logits.
     */
    @Test
    void zeroPaddingFoldsIntoTheNextConvolution() throws IOException {
        ModelCopy copy = ModelCopy.of(SharedData.KERAS_025, temp.resolve("m"));
        ArrayNode layers = copy.layers();
        int dw2 = indexOf(layers, "conv_dw_2");
        ObjectNode pad = layers.objectNode();
        pad.put("class_name", "ZeroPadding2D");
        pad.put("name", "conv_pad_2");
        ObjectNode config = pad.putObject("config");
        config.put("name", "conv_pad_2");
        config.putArray("padding").add(layers.arrayNode().add(0).add(1)).add(layers.arrayNode().add(0).add(1));
        pad.set("inbound_nodes", layers.get(dw2).get("inbound_nodes").deepCopy());
        ((ArrayNode) layers.get(dw2).get("inbound_nodes").get(0).get(0)).set(0, pad.get("name"));
        ((ObjectNode) layers.get(dw2).get("config")).put("padding", "valid");
        layers.insert(dw2, pad);
        copy.save();

        NetworkDefinition original = TestDefinitions.read(SharedData.model(SharedData.KERAS_025));
        NetworkDefinition padded = TestDefinitions.read(copy.dir);
        assertEquals(((Convolution) original.layers().get(3)).padding(), ((Convolution) padded.layers().get(3)).padding());
        Tensor input = random(original.inputShape());
        ModelOptions scalar = ModelOptions.defaults().withBackend("scalar").withThreads(1);
        try (Model a = Vinfer.compile(original, scalar); Model b = Vinfer.compile(padded, scalar)) {
            assertArrayEquals(a.predict(input).allLogits(), b.predict(input).allLogits());
        }
    }

    private static int indexOf(ArrayNode layers, String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Tensor random(TensorShape shape) {
        SplittableRandom random = new SplittableRandom(1);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Tensor.wrap(shape, data);
    }
}
