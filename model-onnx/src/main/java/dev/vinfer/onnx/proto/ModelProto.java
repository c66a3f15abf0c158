package dev.vinfer.onnx.proto;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX {@code ModelProto}, the file's top-level message: ir_version 1, producer_name 2,
 * producer_version 3, graph 7, opset_import 8 (each an {@code OperatorSetIdProto}: domain 1,
 * version 2). Metadata, training information and local functions are skipped.
 *
 * @param graph the graph, or null when the file has none
 */
public record ModelProto(long irVersion, String producerName, String producerVersion, List<OpsetId> opsets, GraphProto graph) {

    public record OpsetId(String domain, long version) {
    }

    /** Parses a whole file held in {@code bytes}. */
    public static ModelProto parse(ByteBuffer bytes) {
        WireReader r = WireReader.of(bytes, "ModelProto");
        long irVersion = 0;
        String producer = "";
        String producerVersion = "";
        List<OpsetId> opsets = new ArrayList<>();
        GraphProto graph = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (WireReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireReader.VARINT);
                    irVersion = r.readVarint();
                }
                case 2, 3 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    String s = r.readString(Limits.MAX_NAME_BYTES);
                    if (WireReader.field(tag) == 2) {
                        producer = s;
                    } else {
                        producerVersion = s;
                    }
                }
                case 7 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    if (graph != null) {
                        throw r.fail("the graph field appears twice");
                    }
                    graph = GraphProto.parse(r.readMessage("GraphProto"));
                }
                case 8 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    Limits.checkCount(r, opsets.size(), Limits.MAX_LIST, "opset imports");
                    opsets.add(opset(r.readMessage("OperatorSetIdProto")));
                }
                default -> r.skip(tag);
            }
        }
        return new ModelProto(irVersion, producer, producerVersion, List.copyOf(opsets), graph);
    }

    private static OpsetId opset(WireReader r) {
        String domain = "";
        long version = 0;
        while (r.hasMore()) {
            int tag = r.readTag();
            if (WireReader.field(tag) == 1) {
                r.expect(tag, WireReader.LENGTH_DELIMITED);
                domain = r.readString(Limits.MAX_NAME_BYTES);
            } else if (WireReader.field(tag) == 2) {
                r.expect(tag, WireReader.VARINT);
                version = r.readVarint();
            } else {
                r.skip(tag);
            }
        }
        return new OpsetId(domain, version);
    }
}
