package org.sparsitystudio.kernels.sparsity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An N:M pattern: in every group of M consecutive weights along the input dimension of a row,
 * N are kept.
 *
 * @param n kept per group, 1 ≤ N &lt; M
 * @param m group length, M ≥ 2
 */
public record NmPattern(int n, int m) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d+)\\s*:\\s*(\\d+)\\s*");

    public NmPattern {
        if (m < 2 || n < 1 || n >= m) {
            throw new IllegalArgumentException("an N:M pattern needs 1 ≤ N < M and M ≥ 2, got " + n + ":" + m);
        }
    }

    /** Parses "2:4". */
    public static NmPattern parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an N:M pattern: '" + text + "' (write it like 2:4)");
        }
        return new NmPattern(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Fraction of weights pruned, 1 − N/M. */
    public double sparsity() {
        return 1.0 - (double) n / m;
    }

    /**
     * How many of a group of {@code length} weights are kept: N for a whole group; for the last,
     * shorter group of a row whose length is not a multiple of M, N·length/M rounded up, so the
     * row keeps at least the pattern's density.
     */
    public int keptIn(int length) {
        return length == m ? n : (int) Math.ceil((double) n * length / m);
    }

    @Override
    public String toString() {
        return n + ":" + m;
    }
}
