package dev.vinfer.api;

/**
 * One step of a compiled model, as profiles show it: a layer, or consecutive layers the backend
 * fused into one kernel (named like {@code conv_dw_3+conv_pw_3}).
 *
 * @param name         the layer's name, or the fused layers' names joined by {@code +}
 * @param operation    what it computes, e.g. {@code conv 3x3/1 dw relu6 + conv 1x1/1 relu6}
 * @param backend      the backend whose kernel runs it ({@code engine} for the appended softmax)
 * @param multiplyAdds multiply-adds per image
 */
public record StepInfo(String name, String operation, String backend, long multiplyAdds) {
}
