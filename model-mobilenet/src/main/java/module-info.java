/**
 * MobileNet V1 (Howard et al., 2017) for vinfer: the architecture at any width multiplier and input
 * size, BatchNorm folding, and model providers for PyTorch safetensors checkpoints of the seed model
 * and for TensorFlow.js layers models (Keras Applications' MobileNet), and the built-in synthetic
 * {@code builtin:mobilenet_v1_<width>_<size>} models.
 */
module dev.vinfer.mobilenet {
    requires dev.vinfer.core;
    requires com.fasterxml.jackson.databind;

    exports dev.vinfer.mobilenet;
    exports dev.vinfer.mobilenet.safetensors;
    exports dev.vinfer.mobilenet.tfjs;

    provides dev.vinfer.spi.ModelProvider with dev.vinfer.mobilenet.SeedCheckpointProvider,
            dev.vinfer.mobilenet.tfjs.TfjsLayersProvider, dev.vinfer.mobilenet.BuiltinMobileNetProvider;
}
