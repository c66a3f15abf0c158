package dev.vinfer.onnx;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.ModelMetadata;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.TopologicalOrder;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.DataTypes;
import dev.vinfer.onnx.proto.GraphProto;
import dev.vinfer.onnx.proto.MalformedModelException;
import dev.vinfer.onnx.proto.ModelProto;
import dev.vinfer.onnx.proto.NodeProto;
import dev.vinfer.onnx.proto.TensorProto;
import dev.vinfer.onnx.proto.ValueInfoProto;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@link ModelProto} to the engine's {@link Graph}: the default-domain opset, constants
 * from initializers (graph inputs that are also initializers become constants), float32 graph
 * inputs and outputs with symbolic dimensions as {@link ValueInfo#UNKNOWN}, nodes translated by
 * {@link NodeTranslator}, named uniquely, and sorted. Nothing partial: any problem throws.
 */
final class GraphBuilder {
    private GraphBuilder() {
    }

    static Graph build(ModelProto model, String fallbackName) {
        int opset = defaultOpset(model);
        GraphProto g = model.graph();
        if (g == null) {
            throw new MalformedModelException("the file holds no graph (is it an ONNX model?)");
        }
        if (g.hasSparseInitializers()) {
            throw new MalformedModelException("sparse initializers are not supported");
        }
        ConstantTable constants = new ConstantTable();
        for (TensorProto init : g.initializers()) {
            if (init.name().isEmpty()) {
                throw new MalformedModelException("an initializer has no name");
            }
            constants.addTensor(init.name(), init, "initializer");
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfoProto vi : g.inputs()) {
            if (!constants.contains(vi.name())) {
                inputs.add(valueInfo(vi, "graph input"));
            }
        }
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfoProto vi : g.outputs()) {
            outputs.add(valueInfo(vi, "graph output"));
        }
        Set<String> readValues = new HashSet<>();
        g.nodes().forEach(n -> readValues.addAll(n.inputs()));
        outputs.forEach(o -> readValues.add(o.name()));

        List<String> names = NodeNames.assign(g.nodes());
        Set<String> allValues = new HashSet<>(readValues);
        g.nodes().forEach(n -> allValues.addAll(n.outputs()));
        inputs.forEach(i -> allValues.add(i.name()));
        allValues.addAll(constants.values().keySet());
        FreshNames fresh = new FreshNames(allValues, new HashSet<>(names));
        NodeTranslator translator = new NodeTranslator(opset, constants, readValues, fresh);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            nodes.addAll(translator.translate(g.nodes().get(i), names.get(i)));
        }
        checkReduceMeanInputs(inputs, g, names);
        Set<String> available = new HashSet<>(constants.values().keySet());
        inputs.forEach(i -> available.add(i.name()));
        List<Node> sorted = IntegerValues.mark(TopologicalOrder.sort(nodes, available), outputs, constants, opset);
        String name = g.name().isEmpty() ? fallbackName : g.name();
        return new Graph(name, inputs, outputs, sorted, constants.values(), ModelMetadata.NONE);
    }

    /** A ReduceMean read as GlobalAveragePool must see a rank-4 tensor; a graph input says so when it declares its shape. */
    private static void checkReduceMeanInputs(List<ValueInfo> inputs, GraphProto g, List<String> names) {
        for (int i = 0; i < g.nodes().size(); i++) {
            NodeProto n = g.nodes().get(i);
            if (!n.opType().equals(OperatorSpec.REDUCE_MEAN)) {
                continue;
            }
            for (ValueInfo in : inputs) {
                if (in.name().equals(n.inputs().getFirst()) && in.hasShape() && in.rank() != 4) {
                    throw new MalformedModelException("node " + UntrustedText.name(names.get(i)) + " (ReduceMean): input "
                            + UntrustedText.quote(in.name()) + " has rank " + in.rank() + "; only the spatial mean of a rank-4 tensor is supported");
                }
            }
        }
    }

    /** The opset of the default domain ("" or "ai.onnx"); the operators' own minimums are in {@link OperatorSpec}. */
    private static int defaultOpset(ModelProto model) {
        long opset = -1;
        for (ModelProto.OpsetId id : model.opsets()) {
            if (id.domain().isEmpty() || id.domain().equals("ai.onnx")) {
                opset = Math.max(opset, id.version());
            }
        }
        if (opset == -1) {
            throw new MalformedModelException("the model imports no opset of the default ONNX domain (ir_version "
                    + model.irVersion() + ")");
        }
        if (opset < 1 || opset > OperatorSpec.MAX_OPSET) {
            throw new MalformedModelException("opset " + opset + " of the default domain is not supported (vinfer reads opsets "
                    + OperatorSpec.MIN_GENERAL_OPSET + " to " + OperatorSpec.MAX_OPSET + ", older ones for operators unchanged since)");
        }
        return (int) opset;
    }

    private static ValueInfo valueInfo(ValueInfoProto vi, String what) {
        String shown = UntrustedText.quote(vi.name());
        if (vi.name().isEmpty()) {
            throw new MalformedModelException("a " + what + " has no name");
        }
        if (!vi.kind().equals("tensor") && !vi.kind().equals("none")) {
            throw new MalformedModelException(what + " " + shown + " is a " + vi.kind() + "; vinfer reads tensors only");
        }
        if (vi.elemType() != 0 && vi.elemType() != TensorProto.FLOAT) {
            throw new MalformedModelException(what + " " + shown + " has element type " + DataTypes.name(vi.elemType())
                    + "; vinfer runs float32 tensors only");
        }
        long[] dims = vi.dims();
        if (dims == null) {
            return ValueInfo.unshaped(vi.name());
        }
        if (dims.length > NdArray.MAX_RANK) {
            throw new MalformedModelException(what + " " + shown + " has rank " + dims.length + "; vinfer handles rank "
                    + NdArray.MAX_RANK + " at most");
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE - 16) {
                throw new MalformedModelException(what + " " + shown + " has dimension " + dims[i] + " in " + Arrays.toString(dims));
            }
            shape[i] = (int) dims[i];
        }
        return new ValueInfo(vi.name(), shape);
    }
}
