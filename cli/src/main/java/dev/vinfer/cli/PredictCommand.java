package dev.vinfer.cli;

import dev.vinfer.api.Model;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.VinferException;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.ImagePreprocessor;
import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;

/** {@code vinfer predict}: run a model on a {@code .npy} batch and write its outputs as {@code .npy}. */
@Command(name = "predict",
        description = {"run a model on a .npy batch and write probabilities (or logits) as .npy",
                "",
                "Reads a float32 array of shape [N, H, W, C] (--layout nhwc, the default) or [N, C, H, W] "
                        + "(--layout nchw, as a PyTorch user holds it), runs the model on the whole batch, and writes "
                        + "float32 [N, classes]: softmax probabilities, or with --logits the pre-softmax outputs. A model "
                        + "that ends in a global pool (MobileNet) accepts any input height and width. With --image, the "
                        + "picture goes through the same pipeline as 'vinfer classify' and the output is [1, classes].",
                ""})
final class PredictCommand extends Subcommand {
    @Mixin
    ModelOpening modelOptions;

    @Option(names = "--input", paramLabel = "FILE", converter = OptionValues.PathValue.class,
            description = "input .npy (little-endian float32, C order)")
    Path input;

    @Option(names = "--image", paramLabel = "FILE", converter = OptionValues.PathValue.class,
            description = "a picture instead of --input (JPEG, PNG, BMP, GIF)")
    Path image;

    @Option(names = "--layout", paramLabel = "L", defaultValue = "nhwc", converter = OptionValues.Layouts.class,
            completionCandidates = OptionValues.Layouts.class, description = "layout of --input: ${COMPLETION-CANDIDATES}")
    String layout;

    @Option(names = "--output", paramLabel = "FILE", required = true, converter = OptionValues.PathValue.class,
            description = "output .npy; never the input file")
    Path output;

    @Option(names = "--logits", description = "write logits instead of probabilities")
    boolean logits;

    @Override
    protected int run(PrintStream out, PrintStream err) {
        if (image != null) {
            if (input != null || given("--layout")) {
                throw new UsageException("--image replaces --input and --layout; give one or the other");
            }
            return predictImage(err);
        }
        if (input == null) {
            throw new UsageException("missing required option --input (or --image)");
        }
        boolean nchw = layout.equals("nchw");
        OutputFiles.checkWritable(output, input, modelOptions.path());
        OutputFiles.checkReadable(input, "a .npy file");
        Path inputPath = input;
        NpyArray array = Npy.read(inputPath);
        if (array.rank() != 4) {
            throw new VinferException(inputPath + ": shape " + array.shapeText() + " is not a 4-D image batch ("
                    + (nchw ? "[N, C, H, W]" : "[N, H, W, C]") + ")");
        }
        if (array.data().length == 0) {
            throw new VinferException(inputPath + ": shape " + array.shapeText() + " is empty");
        }
        Tensor tensor = nchw
                ? Tensor.fromNchw(array.dim(0), array.dim(1), array.dim(2), array.dim(3), array.data())
                : Tensor.wrap(new TensorShape(array.dim(0), array.dim(1), array.dim(2), array.dim(3)), array.data());
        TensorShape shape = tensor.shape();
        try (Model model = modelOptions.open()) {
            int channels = model.graph().inputs().getFirst().rank() == 4 ? model.graph().inputs().getFirst().dims()[1] : -1;
            if (channels > 0 && shape.c() != channels) {
                throw new VinferException(inputPath + ": has " + shape.c() + " channels (shape " + array.shapeText() + ", layout "
                        + (nchw ? "nchw" : "nhwc") + ") but the model takes " + channels + "; is --layout right?");
            }
            Prediction p;
            try {
                p = model.predict(tensor);
            } catch (VinferException e) {
                throw new VinferException(inputPath + ": " + e.getMessage(), e);
            }
            write(model, p, err);
        }
        return 0;
    }

    private int predictImage(PrintStream err) {
        OutputFiles.checkWritable(output, image, modelOptions.path());
        OutputFiles.checkReadable(image, "an image file");
        try (Model model = modelOptions.open()) {
            Tensor tensor = ImagePreprocessor.forModel(model).toTensor(new ImageLoader().load(image));
            write(model, model.predict(tensor), err);
        }
        return 0;
    }

    private void write(Model model, Prediction p, PrintStream err) {
        float[] result = logits ? p.allLogits() : p.allProbabilities();
        Npy.write(output, new NpyArray(new int[] {p.batchSize(), p.classCount()}, result));
        err.printf("wrote %s: [%d, %d] %s (backend %s)%n", output, p.batchSize(), p.classCount(),
                logits ? "logits" : "probabilities", model.backendName());
    }
}
