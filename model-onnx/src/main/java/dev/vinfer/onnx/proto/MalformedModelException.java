package dev.vinfer.onnx.proto;

/**
 * A model file that cannot be read or used, with the problem in one line (without the file name,
 * which {@link dev.vinfer.onnx.OnnxImporter} adds when it turns this into a
 * {@link dev.vinfer.spi.ModelLoadException}). Unchecked, so the parsing code stays readable.
 */
public final class MalformedModelException extends RuntimeException {
    public MalformedModelException(String problem) {
        super(problem, null, false, false); // no stack trace: it is never shown and hostile files throw many
    }
}
