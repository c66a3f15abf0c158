package dev.vinfer.onnx.proto;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX {@code GraphProto}: node 1, name 2, initializer 5, input 11, output 12,
 * sparse_initializer 15 (noted, not read). value_info 13 and the documentation are skipped.
 */
public record GraphProto(String name, List<NodeProto> nodes, List<TensorProto> initializers,
                         List<ValueInfoProto> inputs, List<ValueInfoProto> outputs, boolean hasSparseInitializers) {

    static GraphProto parse(WireReader r) {
        String name = "";
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> initializers = new ArrayList<>();
        List<ValueInfoProto> inputs = new ArrayList<>();
        List<ValueInfoProto> outputs = new ArrayList<>();
        boolean sparse = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (WireReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    Limits.checkCount(r, nodes.size(), Limits.MAX_ITEMS, "nodes");
                    nodes.add(NodeProto.parse(r.readMessage("NodeProto")));
                }
                case 2 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    name = r.readString(Limits.MAX_NAME_BYTES);
                }
                case 5 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    Limits.checkCount(r, initializers.size(), Limits.MAX_ITEMS, "initializers");
                    initializers.add(TensorProto.parse(r.readMessage("TensorProto")));
                }
                case 11, 12 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    List<ValueInfoProto> list = WireReader.field(tag) == 11 ? inputs : outputs;
                    Limits.checkCount(r, list.size(), Limits.MAX_ITEMS, "graph inputs or outputs");
                    list.add(ValueInfoProto.parse(r.readMessage("ValueInfoProto")));
                }
                case 15 -> {
                    sparse = true;
                    r.skip(tag);
                }
                default -> r.skip(tag);
            }
        }
        return new GraphProto(name, List.copyOf(nodes), List.copyOf(initializers), List.copyOf(inputs), List.copyOf(outputs), sparse);
    }
}
