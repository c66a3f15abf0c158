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

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code vinfer predict}: run a model on a {@code .npy} batch and write its outputs as {@code .npy}. */
final class PredictCommand implements Command {

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "run a model on a .npy batch and write probabilities (or logits) as .npy";
    }

    @Override
    public String help() {
        return """
                Usage: vinfer predict --model PATH --input X.npy [--layout nhwc|nchw] --output Y.npy
                                      [--logits] [--backend NAME] [--threads N]
                       vinfer predict --model PATH --image FILE --output Y.npy [--logits] ...

                Reads a float32 array of shape [N, H, W, C] (--layout nhwc, the default) or
                [N, C, H, W] (--layout nchw, as a PyTorch user holds it), runs the model on the
                whole batch, and writes float32 [N, classes]: softmax probabilities, or with
                --logits the pre-softmax outputs. A model that ends in a global pool (MobileNet)
                accepts any input height and width. With --image, the picture goes through the
                same pipeline as 'vinfer classify' and the output is [1, classes].

                  --model PATH     model file or directory
                  --input FILE     input .npy (little-endian float32, C order)
                  --image FILE     a picture instead of --input (JPEG, PNG, BMP, GIF)
                  --layout L       nhwc (default) or nchw
                  --output FILE    output .npy; never the input file
                  --logits         write logits instead of probabilities
                """ + ModelOpening.OPTIONS_HELP;
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "input", "image", "layout", "output", "backend", "threads");
    }

    @Override
    public Set<String> flags() {
        return Set.of("logits");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        if (args.string("image") != null) {
            if (args.string("input") != null || args.string("layout") != null) {
                throw new UsageException("--image replaces --input and --layout; give one or the other");
            }
            return predictImage(args, err);
        }
        Path inputPath = args.requiredPath("input");
        Path outputPath = args.requiredPath("output");
        boolean nchw = args.choice("layout", "nhwc", List.of("nhwc", "nchw")).equals("nchw");
        OutputFiles.checkWritable(outputPath, inputPath, args.requiredPath("model"));
        args.integer("threads", 0, 1, ModelOpening.MAX_THREADS); // validate before the slow load
        OutputFiles.checkReadable(inputPath, "a .npy file");
        NpyArray array = Npy.read(inputPath);
        if (array.rank() != 4) {
            throw new VinferException(inputPath + ": shape " + array.shapeText() + " is not a 4-D image batch ("
                    + (nchw ? "[N, C, H, W]" : "[N, H, W, C]") + ")");
        }
        if (array.data().length == 0) {
            throw new VinferException(inputPath + ": shape " + array.shapeText() + " is empty");
        }
        Tensor input = nchw
                ? Tensor.fromNchw(array.dim(0), array.dim(1), array.dim(2), array.dim(3), array.data())
                : Tensor.wrap(new TensorShape(array.dim(0), array.dim(1), array.dim(2), array.dim(3)), array.data());
        TensorShape shape = input.shape();
        try (Model model = ModelOpening.open(args, def -> {
            if (shape.c() != def.inputShape().c()) {
                throw new VinferException(inputPath + ": has " + shape.c() + " channels (shape " + array.shapeText() + ", layout "
                        + (nchw ? "nchw" : "nhwc") + ") but the model takes " + def.inputShape().c() + "; is --layout right?");
            }
            try {
                return def.withInputSize(shape.h(), shape.w());
            } catch (VinferException e) {
                throw new VinferException(inputPath + ": " + e.getMessage(), e);
            }
        })) {
            write(args, outputPath, model, model.predict(input), err);
        }
        return 0;
    }

    private int predictImage(Args args, PrintStream err) {
        Path imagePath = args.requiredPath("image");
        Path outputPath = args.requiredPath("output");
        OutputFiles.checkWritable(outputPath, imagePath, args.requiredPath("model"));
        args.integer("threads", 0, 1, ModelOpening.MAX_THREADS); // validate before the slow load
        OutputFiles.checkReadable(imagePath, "an image file");
        try (Model model = ModelOpening.open(args, def -> def)) {
            Tensor input = ImagePreprocessor.forNetwork(model.definition()).toTensor(new ImageLoader().load(imagePath));
            write(args, outputPath, model, model.predict(input), err);
        }
        return 0;
    }

    private static void write(Args args, Path outputPath, Model model, Prediction p, PrintStream err) {
        float[] result = args.flag("logits") ? p.allLogits() : p.allProbabilities();
        Npy.write(outputPath, new NpyArray(new int[] {p.batchSize(), p.classCount()}, result));
        err.printf("wrote %s: [%d, %d] %s (backend %s)%n", outputPath, p.batchSize(), p.classCount(),
                args.flag("logits") ? "logits" : "probabilities", model.backendName());
    }
}
