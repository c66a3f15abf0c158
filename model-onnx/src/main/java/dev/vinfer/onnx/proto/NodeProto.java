package dev.vinfer.onnx.proto;

import java.util.ArrayList;
import java.util.List;

/** ONNX {@code NodeProto}: input 1, output 2, name 3, op_type 4, attribute 5, domain 7. */
public record NodeProto(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                        List<AttributeProto> attributes) {

    static NodeProto parse(WireReader r) {
        String name = "";
        String opType = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<AttributeProto> attributes = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = WireReader.field(tag);
            switch (field) {
                case 1, 2, 3, 4, 7 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    List<String> list = field == 1 ? inputs : field == 2 ? outputs : null;
                    if (list != null) {
                        Limits.checkCount(r, list.size(), Limits.MAX_LIST, field == 1 ? "node inputs" : "node outputs");
                    }
                    String s = r.readString(Limits.MAX_NAME_BYTES);
                    switch (field) {
                        case 1, 2 -> list.add(s);
                        case 3 -> name = s;
                        case 4 -> opType = s;
                        default -> domain = s;
                    }
                }
                case 5 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    Limits.checkCount(r, attributes.size(), Limits.MAX_LIST, "attributes");
                    attributes.add(AttributeProto.parse(r.readMessage("AttributeProto")));
                }
                default -> r.skip(tag);
            }
        }
        return new NodeProto(name, opType, domain, List.copyOf(inputs), List.copyOf(outputs), List.copyOf(attributes));
    }
}
