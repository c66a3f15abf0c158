package dev.vinfer.mobilenet.safetensors;

import java.util.Locale;

/** The element types of the safetensors format, with their sizes in bytes. */
public enum DType {
    /** Boolean. */ BOOL(1),
    /** Unsigned 8-bit integer. */ U8(1),
    /** Signed 8-bit integer. */ I8(1),
    /** 8-bit float, 5-bit exponent. */ F8_E5M2(1),
    /** 8-bit float, 4-bit exponent. */ F8_E4M3(1),
    /** Signed 16-bit integer. */ I16(2),
    /** Unsigned 16-bit integer. */ U16(2),
    /** IEEE half precision. */ F16(2),
    /** bfloat16. */ BF16(2),
    /** Signed 32-bit integer. */ I32(4),
    /** Unsigned 32-bit integer. */ U32(4),
    /** IEEE single precision. */ F32(4),
    /** IEEE double precision. */ F64(8),
    /** Signed 64-bit integer. */ I64(8),
    /** Unsigned 64-bit integer. */ U64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** {@return the size of one element in bytes} */
    public int bytes() {
        return bytes;
    }

    /** {@return whether vinfer converts this type to float32 when a tensor is read as weights} */
    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /**
     * {@return the dtype named in a header, or null when the name is not a safetensors dtype}
     *
     * @param name a dtype name such as {@code F32}
     */
    public static DType parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
