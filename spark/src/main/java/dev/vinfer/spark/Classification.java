package dev.vinfer.spark;

import dev.vinfer.api.ClassScore;

import java.util.List;

/** One picture's outcome: its top classes, or the one-line reason it could not be classified. */
record Classification(String path, List<ClassScore> top, String error) {
    static Classification ok(String path, List<ClassScore> top) {
        return new Classification(path, List.copyOf(top), null);
    }

    static Classification failed(String path, String error) {
        return new Classification(path, null, error);
    }
}
