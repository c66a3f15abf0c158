package dev.vinfer.onnx;

import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.MalformedModelException;
import dev.vinfer.onnx.proto.TensorProto;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.tensor.NdArray;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A serialized ONNX {@code TensorProto} on its own, such as the {@code input_0.pb} and
 * {@code output_0.pb} files of ONNX's backend tests, read as a float32 {@link NdArray} (DOUBLE
 * rounded; INT32, INT64 and BOOL converted when exact).
 */
public final class OnnxTensorFile {
    private OnnxTensorFile() {
    }

    /**
     * {@return the tensor in {@code file}, as float32 in its own shape}
     *
     * @param file a serialized {@code TensorProto}
     * @throws ModelLoadException naming the file, when it cannot be read, is malformed, keeps its data
     *                            in an external file, has a rank above {@link NdArray#MAX_RANK}, or is
     *                            not FLOAT, DOUBLE, INT64, INT32 or BOOL
     */
    public static NdArray read(Path file) throws ModelLoadException {
        return read(OnnxImporter.map(file), file);
    }

    /**
     * {@return the tensor serialized in {@code bytes}, as float32 in its own shape} Errors name
     * {@code displayName} as the file.
     *
     * @param bytes       a serialized {@code TensorProto}; only read
     * @param displayName the name errors give the tensor
     * @throws ModelLoadException naming {@code displayName}, for the problems {@link #read(Path)}
     *                            reports
     */
    public static NdArray read(byte[] bytes, String displayName) throws ModelLoadException {
        return read(ByteBuffer.wrap(bytes), Path.of(displayName));
    }

    private static NdArray read(ByteBuffer bytes, Path file) throws ModelLoadException {
        try {
            TensorProto tensor = TensorProto.parse(bytes);
            if (tensor.isExternal()) {
                throw new MalformedModelException("keeps its data in an external file, which vinfer does not read");
            }
            int[] shape = tensor.shape();
            if (shape.length > NdArray.MAX_RANK) {
                throw new MalformedModelException("has rank " + shape.length + " " + Arrays.toString(shape) + "; vinfer handles rank "
                        + NdArray.MAX_RANK + " at most");
            }
            return NdArray.wrap(shape, tensor.toFloats());
        } catch (MalformedModelException | IllegalArgumentException e) {
            throw new ModelLoadException(file, UntrustedText.line(String.valueOf(e.getMessage()), OnnxImporter.MAX_MESSAGE));
        }
    }
}
