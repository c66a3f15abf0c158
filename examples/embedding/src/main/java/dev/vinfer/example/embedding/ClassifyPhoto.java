package dev.vinfer.example.embedding;

import dev.vinfer.api.ClassScore;
import dev.vinfer.api.Model;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.image.ImageClassifier;

import java.nio.file.Path;
import java.util.Locale;

/** Prints the five most probable classes of a photo: {@code ClassifyPhoto MODEL PHOTO}. */
public final class ClassifyPhoto {
    private ClassifyPhoto() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ClassifyPhoto MODEL PHOTO   (MODEL: a TF.js model directory or a .safetensors file)");
            System.exit(2);
        }
        try (Model model = Vinfer.load(Path.of(args[0]))) {
            ImageClassifier classifier = new ImageClassifier(model);
            for (ClassScore score : classifier.classify(Path.of(args[1]))) {
                System.out.printf(Locale.ROOT, "%.4f  %s (%d)%n", score.probability(), score.label(), score.index());
            }
            System.out.println("backend: " + model.backendName());
        } catch (VinferException e) {
            System.err.println("ClassifyPhoto: " + e.getMessage());
            System.exit(1);
        }
    }
}
