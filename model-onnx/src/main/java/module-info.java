/**
 * ONNX import for vinfer: a protobuf wire-format reader of its own (no protobuf-java), the ONNX
 * messages a CNN needs, and {@link dev.vinfer.onnx.OnnxImporter}, which turns a {@code .onnx} file
 * into the engine's {@link dev.vinfer.graph.Graph}.
 */
module dev.vinfer.onnx {
    requires dev.vinfer.core;
    requires com.fasterxml.jackson.databind;

    exports dev.vinfer.onnx;

    provides dev.vinfer.spi.ModelProvider with dev.vinfer.onnx.OnnxModelProvider;
}
