package dev.vinfer.cli;

import dev.vinfer.io.UntrustedText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * picocli converters for vinfer's option values. Each failure message is written to follow the
 * option's name: {@link Failures} prints {@code --threads must be between 1 and 256, got -3}. A new
 * option with a range gets a two-line subclass, e.g. {@code Threads extends IntRange}.
 */
public final class OptionValues {
    private OptionValues() {
    }

    /** A value as it may appear in a one-line message: control characters escaped, length bounded. */
    public static String shown(String value) {
        return UntrustedText.excerpt(value);
    }

    /** A path the OS can name: an empty string or a NUL byte is a usage error, not a late failure. */
    public static final class PathValue implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isEmpty()) {
                throw new TypeConversionException("needs a file name, got an empty string");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + shown(value) + "' is not a valid path: " + e.getReason());
            }
        }
    }

    /** A whole number within [min, max]. */
    public abstract static class IntRange implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        protected IntRange(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            String digits = value.trim();
            int n;
            try {
                n = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                if (digits.matches("[+-]?[0-9]+")) { // a whole number, just far too large for an int
                    throw new TypeConversionException("must be between " + min + " and " + max + ", got " + shown(value));
                }
                throw new TypeConversionException("must be a whole number, got '" + shown(value) + "'");
            }
            if (n < min || n > max) {
                throw new TypeConversionException("must be between " + min + " and " + max + ", got " + shown(value));
            }
            return n;
        }
    }

    /** A decimal number within [min, max]. */
    public abstract static class DoubleRange implements ITypeConverter<Double> {
        private final double min;
        private final double max;

        protected DoubleRange(double min, double max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a number, got '" + shown(value) + "'");
            }
            if (!(d >= min && d <= max)) {
                throw new TypeConversionException("must be between " + min + " and " + max + ", got " + shown(value));
            }
            return d;
        }
    }

    /**
     * A comma-separated list of whole numbers given as one option value ({@code --threads 1,2}); a
     * record rather than a {@code List} field, which picocli would make a repeatable option.
     */
    public record IntList(List<Integer> values) {
    }

    /** An {@link IntList} of numbers within [min, max], duplicates dropped, in the order given. */
    public abstract static class IntListRange implements ITypeConverter<IntList> {
        private final int min;
        private final int max;

        protected IntListRange(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public IntList convert(String value) {
            Set<Integer> values = new LinkedHashSet<>();
            for (String part : value.split(",", -1)) {
                int n;
                try {
                    n = Integer.parseInt(part.trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("must be a comma-separated list of whole numbers, got '" + shown(value) + "'");
                }
                if (n < min || n > max) {
                    throw new TypeConversionException("values must be between " + min + " and " + max + ", got " + n);
                }
                values.add(n);
            }
            return new IntList(List.copyOf(values));
        }
    }

    /**
     * One word out of a fixed set. Also the option's completion candidates: name the same subclass
     * as {@code converter} and {@code completionCandidates}.
     */
    public abstract static class Choice implements ITypeConverter<String>, Iterable<String> {
        private final List<String> allowed;

        protected Choice(String... allowed) {
            this.allowed = List.of(allowed);
        }

        @Override
        public String convert(String value) {
            if (!allowed.contains(value)) {
                throw new TypeConversionException("must be one of " + String.join(", ", allowed) + ", got '" + shown(value) + "'");
            }
            return value;
        }

        @Override
        public Iterator<String> iterator() {
            return allowed.iterator();
        }
    }

    /** {@code --threads} of the model-running commands. */
    static final class Threads extends IntRange {
        Threads() {
            super(1, ModelOpening.MAX_THREADS);
        }
    }

    /** {@code --top}: classes per image; the upper bound (the model's class count) is checked once the model is loaded. */
    static final class TopK extends IntRange {
        TopK() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** {@code --batch} of {@code info}: the batch size a plan is made for. */
    static final class Batch extends IntRange {
        Batch() {
            super(1, 4096);
        }
    }

    /** {@code --layout} of a {@code .npy} batch. */
    static final class Layouts extends Choice {
        Layouts() {
            super("nhwc", "nchw");
        }
    }
}
