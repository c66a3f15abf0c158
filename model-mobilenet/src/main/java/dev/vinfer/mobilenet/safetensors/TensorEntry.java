package dev.vinfer.mobilenet.safetensors;

import java.util.Arrays;

/**
 * One tensor of a safetensors header: its type, shape and byte range within the data section.
 *
 * @param name  the tensor's name
 * @param dtype its element type
 * @param shape its dimensions
 * @param begin the first byte within the data section
 * @param end   one past its last byte within the data section
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) {

    /** {@return the number of elements} */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** {@return the shape as text, e.g. {@code [32, 3, 3, 3]}} */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
