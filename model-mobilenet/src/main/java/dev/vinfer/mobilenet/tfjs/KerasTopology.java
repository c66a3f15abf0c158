package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer list of a Keras model as TF.js stores it, checked to be a simple chain: each layer's
 * only input is the layer before it. Reads the 0.x converter's
 * {@code modelTopology.model_config} as well as the newer {@code modelTopology} that is the model
 * config itself, for functional ({@code Model}/{@code Functional}) and {@code Sequential} models.
 */
final class KerasTopology {
    private KerasTopology() {
    }

    /** Cheap structural test used by {@code recognizes}: a Keras layers model, not a GraphDef. */
    static boolean looksLikeLayersModel(JsonNode root) {
        JsonNode config = modelConfig(root.path("modelTopology"));
        return config != null && layerArray(config) != null;
    }

    /** The name Keras gave the model, e.g. {@code mobilenet_0.25_224}, or empty. */
    static String modelName(JsonNode root) {
        JsonNode config = modelConfig(root.path("modelTopology"));
        return config == null ? "" : config.path("config").path("name").asText("");
    }

    static List<KerasLayer> chain(JsonNode root, ModelFiles files) {
        JsonNode model = modelConfig(root.path("modelTopology"));
        if (model == null) {
            throw files.fail("modelTopology is not a Keras layers model (no model_config / class_name + config)");
        }
        JsonNode layers = layerArray(model);
        if (layers == null || layers.isEmpty()) {
            throw files.fail("modelTopology has no layers");
        }
        boolean sequential = model.path("class_name").asText("").equals("Sequential");
        List<KerasLayer> chain = new ArrayList<>();
        String previous = null;
        for (JsonNode layer : layers) {
            String className = layer.path("class_name").asText("");
            JsonNode config = layer.path("config");
            String name = layer.hasNonNull("name") ? layer.get("name").asText() : config.path("name").asText("");
            if (className.isEmpty() || name.isEmpty()) {
                throw files.fail("modelTopology has a layer without class_name or name: " + abbreviate(layer));
            }
            if (!sequential) {
                String input = onlyInput(layer, name, files);
                boolean linked = previous == null ? input == null : previous.equals(input);
                if (!linked) {
                    throw files.fail("not a chain: layer " + name + " takes its input from "
                            + (input == null ? "nothing" : input) + ", not from the layer before it ("
                            + (previous == null ? "none" : previous) + ")");
                }
            }
            chain.add(new KerasLayer(className, name, config, files));
            previous = name;
        }
        checkOutput(model, previous, files);
        return chain;
    }

    /** {@code inbound_nodes[0][0][0]}, requiring exactly one node with exactly one input; null for none. */
    private static String onlyInput(JsonNode layer, String name, ModelFiles files) {
        JsonNode nodes = layer.path("inbound_nodes");
        if (nodes.isMissingNode() || nodes.isEmpty()) {
            return null;
        }
        if (nodes.size() != 1 || !nodes.get(0).isArray() || nodes.get(0).size() != 1 || !nodes.get(0).get(0).isArray()) {
            throw files.fail("not a chain: layer " + name + " has inbound_nodes " + abbreviate(nodes)
                    + "; only one input from the layer before is supported");
        }
        return nodes.get(0).get(0).path(0).asText(null);
    }

    private static void checkOutput(JsonNode model, String last, ModelFiles files) {
        JsonNode outputs = model.path("config").path("output_layers");
        if (outputs.isArray() && !outputs.isEmpty()) {
            String output = outputs.get(0).path(0).asText("");
            if (outputs.size() != 1 || !output.equals(last)) {
                throw files.fail("not a chain: the model's output is " + abbreviate(outputs) + ", not its last layer " + last);
            }
        }
    }

    private static JsonNode modelConfig(JsonNode topology) {
        if (topology.has("model_config")) {
            return topology.get("model_config");
        }
        return topology.has("class_name") && topology.has("config") ? topology : null;
    }

    private static JsonNode layerArray(JsonNode model) {
        JsonNode config = model.path("config");
        if (config.isArray()) {
            return config; // Keras 1-style Sequential: the config is the layer list
        }
        JsonNode layers = config.path("layers");
        return layers.isArray() ? layers : null;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
