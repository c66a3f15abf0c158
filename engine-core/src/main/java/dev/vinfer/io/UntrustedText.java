package dev.vinfer.io;

/**
 * Text taken from an untrusted file (a tensor name, a header value, a JSON fragment), made fit for
 * a one-line error message: control characters escaped and length bounded, so a hostile file can
 * neither forge extra lines in vinfer's output nor make one error megabytes long.
 */
public final class UntrustedText {
    /** Longest piece of file content repeated in a message. */
    public static final int MAX_CHARS = 120;

    private UntrustedText() {
    }

    /**
     * {@return {@code value} as is when it is short and printable, else quoted and escaped like {@link #quote}}
     *
     * @param value text from a file
     */
    public static String name(String value) {
        if (value.length() <= MAX_CHARS && value.chars().noneMatch(UntrustedText::isControl) && !value.isBlank()) {
            return value;
        }
        return quote(value);
    }

    /**
     * {@return {@code value} in single quotes, control characters as {@code \xNN}, at most {@link #MAX_CHARS} characters}
     *
     * @param value text from a file
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        int n = Math.min(value.length(), MAX_CHARS);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(value.length() > MAX_CHARS ? "...'" : "'").toString();
    }

    /**
     * {@return {@code value} (e.g. a JSON fragment) unquoted but escaped and cut to {@link #MAX_CHARS} characters}
     *
     * @param value text from a file
     */
    public static String excerpt(String value) {
        String q = quote(value);
        return q.substring(1, q.length() - 1);
    }

    /**
     * A whole message that embeds file content, made one line: control characters escaped and the
     * text cut at {@code max} characters. The last line of defence where a message is assembled
     * from many pieces of a file.
     *
     * @param message the assembled message
     * @param max     the longest result
     * @return the message on one line
     */
    public static String line(String message, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length() && out.length() < max; i++) {
            char c = message.charAt(i);
            if (isControl(c)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < max ? out.toString() : out.substring(0, max) + "...";
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029;
    }
}
