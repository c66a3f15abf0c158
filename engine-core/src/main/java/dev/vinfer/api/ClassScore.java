package dev.vinfer.api;

/** One class of one image's prediction; {@code label} is the class index as text when the model has no labels. */
public record ClassScore(int index, String label, float probability, float logit) {
}
