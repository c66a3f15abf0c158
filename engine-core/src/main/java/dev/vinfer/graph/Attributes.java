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
    /** No attributes at all, shared by every node that has none. */
    public static final Attributes NONE = new Attributes(Map.of());

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = values;
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** {@return a builder holding these attributes, to derive a changed copy (passes do this)} */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(values));
    }

    /**
     * {@return whether attribute {@code name} is set}
     *
     * @param name the attribute's name
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@return the names of the attributes set, in the order they were set; unmodifiable} */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * {@return the raw value (see the class comment for the types; arrays are not copied, so do not
     * write them), or {@code null} when absent}
     *
     * @param name the attribute's name
     */
    public Object raw(String name) {
        return values.get(name);
    }

    /**
     * {@return int attribute {@code name}, or {@code defaultValue} when it is absent}
     *
     * @param name         the attribute's name
     * @param defaultValue the value of an absent attribute
     * @throws IllegalArgumentException when the attribute is not an int
     */
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

    /**
     * {@return int attribute {@code name} as a Java int, or {@code defaultValue} when it is absent}
     *
     * @param name         the attribute's name
     * @param defaultValue the value of an absent attribute
     * @throws IllegalArgumentException when the attribute is not an int or does not fit a Java int
     */
    public int getInt(String name, int defaultValue) {
        long v = getLong(name, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("attribute " + name + " = " + v + " is out of range");
        }
        return (int) v;
    }

    /**
     * {@return float attribute {@code name}, or {@code defaultValue} when it is absent} An int
     * attribute is accepted too, since some exporters write one where a float is meant.
     *
     * @param name         the attribute's name
     * @param defaultValue the value of an absent attribute
     * @throws IllegalArgumentException when the attribute is neither a float nor an int
     */
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

    /**
     * {@return string attribute {@code name}, or {@code defaultValue} when it is absent}
     *
     * @param name         the attribute's name
     * @param defaultValue the value of an absent attribute
     * @throws IllegalArgumentException when the attribute is not a string
     */
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

    /**
     * {@return ints attribute {@code name} as a new array of Java ints, or {@code null} when absent}
     *
     * @param name the attribute's name
     * @throws IllegalArgumentException when the attribute is not a list of ints or one does not fit a
     *                                  Java int
     */
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

    /**
     * {@return a copy of floats attribute {@code name}, or {@code null} when absent}
     *
     * @param name the attribute's name
     * @throws IllegalArgumentException when the attribute is not a list of floats
     */
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

    /**
     * {@return tensor attribute {@code name} (shared, not copied), or {@code null} when absent}
     *
     * @param name the attribute's name
     * @throws IllegalArgumentException when the attribute is not a tensor
     */
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

        /**
         * Sets an int attribute.
         *
         * @param name  the attribute's name
         * @param value its value
         * @return this builder
         */
        public Builder set(String name, long value) {
            values.put(name, value);
            return this;
        }

        /**
         * Sets a float attribute.
         *
         * @param name  the attribute's name
         * @param value its value
         * @return this builder
         */
        public Builder set(String name, float value) {
            values.put(name, value);
            return this;
        }

        /**
         * Sets a string attribute.
         *
         * @param name  the attribute's name
         * @param value its value
         * @return this builder
         */
        public Builder set(String name, String value) {
            values.put(name, value);
            return this;
        }

        /**
         * Sets an ints attribute.
         *
         * @param name  the attribute's name
         * @param value its values, copied
         * @return this builder
         */
        public Builder set(String name, long[] value) {
            values.put(name, value.clone());
            return this;
        }

        /**
         * Sets an ints attribute from Java ints.
         *
         * @param name  the attribute's name
         * @param value its values, copied
         * @return this builder
         */
        public Builder set(String name, int[] value) {
            long[] longs = new long[value.length];
            for (int i = 0; i < value.length; i++) {
                longs[i] = value[i];
            }
            values.put(name, longs);
            return this;
        }

        /**
         * Sets a floats attribute.
         *
         * @param name  the attribute's name
         * @param value its values, copied
         * @return this builder
         */
        public Builder set(String name, float[] value) {
            values.put(name, value.clone());
            return this;
        }

        /**
         * Sets a strings attribute.
         *
         * @param name  the attribute's name
         * @param value its values, copied
         * @return this builder
         */
        public Builder set(String name, List<String> value) {
            values.put(name, List.copyOf(value));
            return this;
        }

        /**
         * Sets a tensor attribute.
         *
         * @param name  the attribute's name
         * @param value the tensor, shared (not copied)
         * @return this builder
         */
        public Builder set(String name, NdArray value) {
            values.put(name, value);
            return this;
        }

        /**
         * Removes an attribute, if set.
         *
         * @param name the attribute's name
         * @return this builder
         */
        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        /** {@return the attributes set so far ({@link Attributes#NONE} when there are none)} */
        public Attributes build() {
            return values.isEmpty() ? NONE : new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
