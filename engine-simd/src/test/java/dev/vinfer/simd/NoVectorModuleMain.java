package dev.vinfer.simd;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;

import java.util.Arrays;

/**
 * Run by {@link ScalarFallbackTest} in a JVM on the class path without {@code jdk.incubator.vector}:
 * loads a model with automatic backend selection and prints which backend ran and the logits.
 */
public final class NoVectorModuleMain {
    private NoVectorModuleMain() {
    }

    public static void main(String[] args) {
        try (Model model = Vinfer.compile(ScalarFallbackTest.network(), ModelOptions.defaults().withThreads(1))) {
            System.out.println("backend=" + model.backendName());
            System.out.println("logits=" + Arrays.toString(model.predict(ScalarFallbackTest.input()).allLogits()));
        }
    }

}
