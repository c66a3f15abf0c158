package dev.vinfer.api;

/**
 * One class of one image's prediction.
 *
 * @param index       the class index
 * @param label       the class name; the class index as text when the model has no labels
 * @param probability the softmax probability
 * @param logit       the pre-softmax output
 */
public record ClassScore(int index, String label, float probability, float logit) {
}
