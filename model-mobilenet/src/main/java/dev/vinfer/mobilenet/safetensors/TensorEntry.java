package dev.vinfer.mobilenet.safetensors;

import java.util.Arrays;

/**
 * One tensor of a safetensors header: its type, shape and byte range within the data section.
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) {

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
