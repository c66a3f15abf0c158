package dev.vinfer.mobilenet.safetensors;

import java.util.Locale;

/** The element types of the safetensors format, with their sizes in bytes. */
public enum DType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4), F64(8), I64(8), U64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** Whether vinfer converts this type to float32 when a tensor is read as weights. */
    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** The dtype named in a header, or null when the name is not a safetensors dtype. */
    public static DType parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
