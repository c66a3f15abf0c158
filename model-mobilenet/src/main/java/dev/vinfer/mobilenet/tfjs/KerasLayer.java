package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * One Keras layer of a TF.js topology, with typed access to its config that fails with a message
 * naming the layer and the option. Absent options take Keras's defaults.
 */
record KerasLayer(String className, String name, JsonNode config, ModelFiles files) {

    String string(String key, String absent) {
        JsonNode v = config.get(key);
        return v == null || v.isNull() ? absent : v.asText();
    }

    /** A string option that must be one of {@code allowed} (compared case-insensitively). */
    String choice(String key, String absent, String... allowed) {
        String value = string(key, absent).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw unsupported(key + " '" + value + "'");
    }

    int integer(String key, int absent) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw problem(key + " must be an integer, is " + v);
        }
        return v.asInt();
    }

    double number(String key, double absent) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber()) {
            throw problem(key + " must be a number, is " + v);
        }
        return v.asDouble();
    }

    boolean flag(String key, boolean absent) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw problem(key + " must be true or false, is " + v);
        }
        return v.asBoolean();
    }

    /** Keras's "an int or a tuple of 2 ints" options: kernel_size, strides, dilation_rate. */
    int[] pair(String key, int absent) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return new int[] {absent, absent};
        }
        if (sane(v)) {
            return new int[] {v.asInt(), v.asInt()};
        }
        if (v.isArray() && v.size() == 2 && sane(v.get(0)) && sane(v.get(1))) {
            return new int[] {v.get(0).asInt(), v.get(1).asInt()};
        }
        throw problem(key + " must be an int from 1 to " + MAX_EXTENT + " or a pair of them, is " + v);
    }

    /** Largest kernel size, stride, dilation or padding read from a topology (a zero stride would divide by zero). */
    static final int MAX_EXTENT = 16384;

    private static boolean sane(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 1 && v.asInt() <= MAX_EXTENT;
    }

    /** Keras's {@code data_format}: only {@code channels_last} (NHWC, the TF.js default) is read. */
    void requireChannelsLast() {
        choice("data_format", "channels_last", "channels_last");
    }

    dev.vinfer.spi.ModelLoadException unsupported(String option) {
        return problem(option + " is not supported");
    }

    dev.vinfer.spi.ModelLoadException problem(String message) {
        return files.fail("layer " + name + " (" + className + "): " + message);
    }
}
