package dev.vinfer.graph;

import dev.vinfer.tensor.NdArray;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a node: an immutable map from name to one of {@code Long} (an int), {@code Float},
 * {@code String}, {@code long[]} (ints), {@code float[]} (floats), {@code List<String>} or
 * {@link NdArray}. Getters convert and check: asking for an int of an attribute that holds a string is
 * an {@link IllegalArgumentException} naming the attribute, which the planner reports with the node.
 */
public final class Attributes {
    public static final Attributes NONE = new Attributes(Map.of());

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A builder holding these attributes, to derive a changed copy (passes do this). */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The raw value (see the class comment for the types), or {@code null}. */
    public Object raw(String name) {
        return values.get(name);
    }

    public long getLong(String name, long defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw wrongType(name, "an int");
    }

    /** An int attribute that must fit a Java int. */
    public int getInt(String name, int defaultValue) {
        long v = getLong(name, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("attribute " + name + " = " + v + " is out of range");
        }
        return (int) v;
    }

    public float getFloat(String name, float defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Float f) {
            return f;
        }
        if (v instanceof Long l) {
            return l; // some exporters write an int where a float is meant
        }
        throw wrongType(name, "a float");
    }

    public String getString(String name, String defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(name, "a string");
    }

    /** An ints attribute as Java ints, or {@code null} when absent. */
    public int[] getInts(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof long[] longs) {
            int[] ints = new int[longs.length];
            for (int i = 0; i < longs.length; i++) {
                if (longs[i] < Integer.MIN_VALUE || longs[i] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("attribute " + name + " holds " + longs[i] + ", out of range");
                }
                ints[i] = (int) longs[i];
            }
            return ints;
        }
        throw wrongType(name, "a list of ints");
    }

    public float[] getFloats(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof float[] f) {
            return f.clone();
        }
        throw wrongType(name, "a list of floats");
    }

    public NdArray getTensor(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof NdArray t) {
            return t;
        }
        throw wrongType(name, "a tensor");
    }

    private IllegalArgumentException wrongType(String name, String expected) {
        return new IllegalArgumentException("attribute " + name + " is not " + expected);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(switch (v) {
                case long[] a -> Arrays.toString(a);
                case float[] a -> Arrays.toString(a);
                default -> String.valueOf(v);
            });
        });
        return sb.append('}').toString();
    }

    /** Collects attributes; each setter replaces an earlier value of the same name. */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(Map<String, Object> values) {
            this.values = values;
        }

        public Builder set(String name, long value) {
            values.put(name, value);
            return this;
        }

        public Builder set(String name, float value) {
            values.put(name, value);
            return this;
        }

        public Builder set(String name, String value) {
            values.put(name, value);
            return this;
        }

        public Builder set(String name, long[] value) {
            values.put(name, value.clone());
            return this;
        }

        public Builder set(String name, int[] value) {
            long[] longs = new long[value.length];
            for (int i = 0; i < value.length; i++) {
                longs[i] = value[i];
            }
            values.put(name, longs);
            return this;
        }

        public Builder set(String name, float[] value) {
            values.put(name, value.clone());
            return this;
        }

        public Builder set(String name, List<String> value) {
            values.put(name, List.copyOf(value));
            return this;
        }

        public Builder set(String name, NdArray value) {
            values.put(name, value);
            return this;
        }

        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public Attributes build() {
            return values.isEmpty() ? NONE : new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
