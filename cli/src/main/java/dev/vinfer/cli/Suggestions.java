package dev.vinfer.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Names close to a misspelt one, for "did you mean" hints. picocli's own suggestions only match
 * the first two letters ({@code --modle} finds {@code --model}, {@code --mdoel} finds nothing) and for
 * subcommands always offer the most similar name however far it is; an edit distance that counts a
 * swap of neighbouring letters as one edit catches the common slips and offers nothing for nonsense.
 */
final class Suggestions {
    static final int MAX = 3;
    private static final int MAX_TYPED = 64;

    private Suggestions() {
    }

    /** Up to {@link #MAX} names within a small edit distance of {@code typed}, closest first. */
    static List<String> closest(String typed, Collection<String> names) {
        if (typed.length() > MAX_TYPED) {
            return List.of(); // no name is that long; and the distance costs length x length
        }
        // One slip per three letters, at most two: "--tpo" (3 letters after the dashes) allows one.
        int allowed = Math.min(2, Math.max(1, letters(typed) / 3));
        return names.stream()
                .filter(name -> distance(typed, name) <= allowed)
                .sorted(Comparator.comparingInt((String name) -> distance(typed, name)).thenComparing(Comparator.naturalOrder()))
                .distinct()
                .limit(MAX)
                .toList();
    }

    private static int letters(String name) {
        int dashes = 0;
        while (dashes < name.length() && name.charAt(dashes) == '-') {
            dashes++;
        }
        return name.length() - dashes;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
