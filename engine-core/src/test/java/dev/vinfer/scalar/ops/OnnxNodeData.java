package dev.vinfer.scalar.ops;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs and expected outputs of one ONNX backend node test from {@code ../shared/onnx/node}
 * (ONNX's own reference results: the outside truth for these kernels). Only the float32
 * {@code TensorProto}s are read, with a minimal protobuf wire-format walk (dims = field 1,
 * data_type = 2, float_data = 4, raw_data = 9). The node's attributes are written out by each test,
 * as the case's {@code model.onnx} declares them. When the shared data is missing the test is
 * skipped, with a message naming the path.
 */
record OnnxNodeData(String name, List<Tensor> inputs, List<Tensor> outputs) {

    /** A float32 tensor: row-major data with its ONNX shape. */
    record Tensor(int[] shape, float[] data) {
    }

    static OnnxNodeData load(String testName) {
        Path dir = Path.of(System.getProperty("vinfer.shared.dir", "../shared"), "onnx", "node", testName, "test_data_set_0");
        if (!Files.isDirectory(dir)) {
            String message = "test data missing: ONNX node tests expected at " + dir.toAbsolutePath().normalize()
                    + " (point -Dvinfer.shared.dir at the shared directory, or set -Dvinfer.allowMissingShared=true to skip)";
            if (Boolean.getBoolean("vinfer.allowMissingShared")) {
                org.junit.jupiter.api.Assumptions.abort(message);
            }
            org.junit.jupiter.api.Assertions.fail(message);
        }
        return new OnnxNodeData(testName, readAll(dir, "input_"), readAll(dir, "output_"));
    }

    Tensor input(int i) {
        return inputs.get(i);
    }

    Tensor output(int i) {
        return outputs.get(i);
    }

    private static List<Tensor> readAll(Path dir, String prefix) {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(prefix + i + ".pb")); i++) {
            Path file = dir.resolve(prefix + i + ".pb");
            try {
                tensors.add(parse(Files.readAllBytes(file), file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tensors;
    }

    private static Tensor parse(byte[] bytes, Path file) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> dims = new ArrayList<>();
        List<Float> floatData = new ArrayList<>();
        float[] raw = null;
        long dataType = 1;
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 0) {
                dims.add((int) varint(in));
            } else if (field == 1 && wire == 2) {
                int end = (int) varint(in) + in.position();
                while (in.position() < end) {
                    dims.add((int) varint(in));
                }
            } else if (field == 2 && wire == 0) {
                dataType = varint(in);
            } else if (field == 4 && wire == 5) {
                floatData.add(in.getFloat());
            } else if (field == 4 && wire == 2) {
                int end = (int) varint(in) + in.position();
                while (in.position() < end) {
                    floatData.add(in.getFloat());
                }
            } else if (field == 9 && wire == 2) {
                int length = (int) varint(in);
                raw = new float[length / 4];
                in.slice(in.position(), length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw);
                in.position(in.position() + length);
            } else {
                skip(in, wire);
            }
        }
        if (dataType != 1) {
            throw new IllegalStateException(file + ": data_type " + dataType + " is not float32");
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        float[] data = raw;
        if (data == null) {
            data = new float[floatData.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = floatData.get(i);
            }
        }
        if (data.length != Shapes.size(shape)) {
            throw new IllegalStateException(file + ": " + data.length + " values for shape " + Shapes.format(shape));
        }
        return new Tensor(shape, data);
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes");
    }

    private static void skip(ByteBuffer in, int wire) {
        switch (wire) {
            case 0 -> varint(in);
            case 1 -> in.position(in.position() + 8);
            case 2 -> {
                int length = (int) varint(in);
                in.position(in.position() + length);
            }
            case 5 -> in.position(in.position() + 4);
            default -> throw new IllegalStateException("unsupported wire type " + wire);
        }
    }
}
