package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.mobilenet.TestDefinitions;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.spi.ModelLoadException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mutated copies of the real 0.25 model: each fault gives a one-line error naming the file and the problem. */
class TfjsLoadErrorsTest {
    @TempDir
    Path temp;

    private ModelCopy model;

    @BeforeEach
    void copyModel() throws IOException {
        model = ModelCopy.of(SharedData.KERAS_025, temp.resolve("model"));
    }

    @Test
    void manifestPathWithDotDotIsRefused() throws IOException {
        Files.copy(model.dir.resolve("group1-shard1of1"), temp.resolve("x"));
        setPath("conv1/kernel", "../x");
        assertRefused("weight shard '../x' contains '..'");
    }

    @Test
    void absoluteManifestPathIsRefused() throws IOException {
        Path outside = Files.copy(model.dir.resolve("group1-shard1of1"), temp.resolve("outside"));
        setPath("conv1/kernel", outside.toAbsolutePath().toString());
        assertRefused("is an absolute path");
    }

    @Test
    void symlinkLeadingOutIsRefused() throws IOException {
        Path outside = Files.copy(model.dir.resolve("group1-shard1of1"), temp.resolve("outside"));
        Path shard = model.dir.resolve("group1-shard1of1");
        Files.delete(shard);
        Files.createSymbolicLink(shard, outside);
        assertRefused("weight shard 'group1-shard1of1' resolves to " + outside.toRealPath() + ", outside the model directory");
    }

    @Test
    void symlinkInsideTheDirectoryIsFine() throws IOException {
        Path shard = model.dir.resolve("group1-shard1of1");
        Files.move(shard, model.dir.resolve("real-shard"));
        Files.createSymbolicLink(shard, model.dir.resolve("real-shard"));
        assertEquals(1000, TestDefinitions.read(model.dir).classCount());
    }

    @Test
    void shardOneByteShortIsRefused() throws IOException {
        resizeShard(-1);
        assertRefused("weight shard group1-shard1of1 holds 863 bytes, but its tensors [conv1/kernel] need 864 bytes");
    }

    @Test
    void shardOneByteLongIsRefused() throws IOException {
        resizeShard(+1);
        assertRefused("weight shard group1-shard1of1 holds 865 bytes, but its tensors [conv1/kernel] need 864 bytes");
    }

    @Test
    void missingShardIsRefused() throws IOException {
        Files.delete(model.dir.resolve("group2-shard1of1"));
        assertRefused("weight shard 'group2-shard1of1' not found");
    }

    @Test
    void missingTensorIsRefused() throws IOException {
        ((ObjectNode) model.groupOf("conv1_bn/gamma").get("weights").get(0)).put("name", "conv1_bn/gamma_renamed");
        model.save();
        assertRefused("layer conv1_bn: tensor 'conv1_bn/gamma' is not in the weightsManifest");
    }

    @Test
    void duplicateTensorNameIsRefused() throws IOException {
        ((ObjectNode) model.groupOf("conv1_bn/beta").get("weights").get(1)).put("name", "conv1_bn/gamma");
        model.save();
        assertRefused("weightsManifest names tensor 'conv1_bn/gamma' twice");
    }

    @Test
    void nonFloatDtypeIsRefused() throws IOException {
        ((ObjectNode) model.groupOf("conv1/kernel").get("weights").get(0)).put("dtype", "int32");
        model.save();
        assertRefused("tensor 'conv1/kernel' has dtype 'int32'; only float32 is supported");
    }

    @Test
    void unknownLayerClassIsRefused() throws IOException {
        model.layer("conv_dw_3").put("class_name", "SeparableConv2D");
        model.save();
        assertRefused("layer conv_dw_3 (SeparableConv2D): layer class SeparableConv2D is not supported");
    }

    @Test
    void dilationIsRefused() throws IOException {
        ArrayNode dilation = model.layerConfig("conv_dw_2").putArray("dilation_rate");
        dilation.add(2).add(2);
        model.save();
        assertRefused("layer conv_dw_2 (DepthwiseConv2D): dilation_rate [2, 2] (only [1, 1]) is not supported");
    }

    @Test
    void depthMultiplierIsRefused() throws IOException {
        model.layerConfig("conv_dw_1").put("depth_multiplier", 2);
        model.save();
        assertRefused("layer conv_dw_1 (DepthwiseConv2D): depth_multiplier 2 (only 1) is not supported");
    }

    @Test
    void unsupportedActivationIsRefused() throws IOException {
        model.layerConfig("conv_pw_4_relu").put("activation", "tanh");
        model.save();
        assertRefused("layer conv_pw_4_relu (Activation): activation 'tanh' is not supported");
    }

    @Test
    void batchNormAfterAnActivationIsRefused() throws IOException {
        model.layerConfig("conv1").put("activation", "relu6");
        model.save();
        assertRefused("layer conv1_bn (BatchNormalization): can only follow a convolution directly (before any activation)");
    }

    @Test
    void softmaxInTheMiddleIsRefused() throws IOException {
        model.layerConfig("conv_pw_4_relu").put("activation", "softmax");
        model.save();
        assertRefused("layer conv_pw_4_relu (Activation): softmax must be the last operation");
    }

    @Test
    void channelsFirstIsRefused() throws IOException {
        model.layerConfig("conv1").put("data_format", "channels_first");
        model.save();
        assertRefused("layer conv1 (Conv2D): data_format 'channels_first' is not supported");
    }

    @Test
    void branchIsNotAChain() throws IOException {
        ArrayNode inbound = (ArrayNode) model.layer("conv_pw_5").get("inbound_nodes").get(0).get(0);
        inbound.set(0, model.layer("conv1").get("name"));
        model.save();
        assertRefused("not a chain: layer conv_pw_5 takes its input from conv1, not from the layer before it (conv_dw_5_relu)");
    }

    @Test
    void labelCountMismatchIsRefused() throws IOException {
        Files.writeString(model.dir.resolve("metadata.json"), "{\"labels\": [\"a\", \"b\"]}");
        assertRefused("metadata.json has 2 labels, but the model has 1000 classes");
    }

    @Test
    void unknownConfigKeyIsRefused() throws IOException {
        Files.writeString(model.dir.resolve("config.json"), "{\"lables\": \"x.txt\"}");
        assertRefused("config.json: unknown key 'lables'");
    }

    @Test
    void labelsFileOutsideTheDirectoryIsRefused() throws IOException {
        Files.writeString(temp.resolve("labels.txt"), "a\n");
        Files.writeString(model.dir.resolve("config.json"), "{\"labels\": \"../labels.txt\"}");
        assertRefused("labels file '../labels.txt' contains '..'");
    }

    @Test
    void graphModelIsNotRecognised() {
        Path graph = SharedData.model("mobilenet_v1_0.25_224_tfhub_graph_tfjs");
        assertFalse(new TfjsLayersProvider().recognizes(graph));
        assertTrue(new TfjsLayersProvider().recognizes(model.dir));
        assertTrue(new TfjsLayersProvider().recognizes(model.dir.resolve("model.json")));
        assertFalse(new TfjsLayersProvider().recognizes(model.dir.resolve("group1-shard1of1")));
    }

    private void setPath(String tensor, String path) throws IOException {
        ArrayNode paths = model.groupOf(tensor).putArray("paths");
        paths.add(path);
        model.save();
    }

    private void resizeShard(int delta) throws IOException {
        Path shard = model.dir.resolve("group1-shard1of1");
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(bytes, bytes.length + delta));
    }

    /** Through the public API, as a user would meet it: a one-line ModelLoadException naming model.json. */
    private void assertRefused(String expected) {
        VinferException e = assertThrows(VinferException.class, () -> TestDefinitions.read(model.dir));
        assertTrue(e instanceof ModelLoadException, "a ModelLoadException, got " + e);
        String message = e.getMessage();
        assertTrue(message.startsWith(model.dir.resolve("model.json").toString()), "names the file: " + message);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
    }
}
