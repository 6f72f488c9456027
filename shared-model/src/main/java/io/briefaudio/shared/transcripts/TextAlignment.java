package io.briefaudio.shared.transcripts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which word of the text as written each word of the spoken text (numbers written out, abbreviations expanded, SSML
 * rendered, the lexicon applied) stands for. Both texts are cut into words (runs of letters, marks and digits;
 * markup in the written text and directives in the spoken text are skipped); the longest common subsequence of the
 * case-folded words pairs them up, and the words between two pairs ("2.4%" and "two point four percent") are
 * shared out in order. Monotonic by construction: a later written word never stands for an earlier spoken one.
 */
final class TextAlignment {

    /** A word of a text: {@code [start, end)} and its case-folded NFC form. */
    record Token(int start, int end, String key) {
    }

    /** Larger middles (texts that share almost no words) are shared out in order without pairing. */
    private static final int MAX_CELLS = 8_000_000;
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private final List<Token> written;
    private final List<Token> spoken;
    private final int[] owner;

    private TextAlignment(List<Token> written, List<Token> spoken, int[] owner) {
        this.written = written;
        this.spoken = spoken;
        this.owner = owner;
    }

    static TextAlignment of(String writtenText, String spokenText) {
        List<Token> written = tokens(writtenText, true);
        List<Token> spoken = tokens(spokenText, false);
        return new TextAlignment(written, spoken, owners(written, spoken));
    }

    List<Token> written() {
        return written;
    }

    List<Token> spoken() {
        return spoken;
    }

    /** The spoken word the {@code i}-th written word was read as, or -1 when nothing was spoken at all. */
    int owner(int i) {
        return owner[i];
    }

    /** Words of {@code text}; written text skips tags, comments and entities, spoken text skips {@code {…}} directives. */
    static List<Token> tokens(String text, boolean written) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int skipped = written ? markupEnd(text, i) : directiveEnd(text, i);
            if (skipped > i) {
                i = skipped;
                continue;
            }
            if (!isWordCharacter(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
                continue;
            }
            int start = i;
            while (i < text.length() && isWordCharacter(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            out.add(new Token(start, i, Normalizer.normalize(text.substring(start, i), Normalizer.Form.NFC)
                    .toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    static boolean isWordCharacter(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** Where a tag, comment or entity starting at {@code i} ends; {@code i} when none starts there. */
    static int markupEnd(String text, int i) {
        char c = text.charAt(i);
        if (c == '<' && i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                return end < 0 ? i : end + 3;
            }
            if (Character.isLetter(next) || next == '/' || next == '?' || next == '!') {
                int end = text.indexOf('>', i + 1);
                return end < 0 ? i : end + 1;
            }
        } else if (c == '&') {
            Matcher m = ENTITY.matcher(text).region(i, text.length());
            return m.lookingAt() ? m.end() : i;
        }
        return i;
    }

    private static int directiveEnd(String text, int i) {
        if (text.charAt(i) != '{') {
            return i;
        }
        int end = text.indexOf('}', i);
        return end < 0 ? i : end + 1;
    }

    private static int[] owners(List<Token> written, List<Token> spoken) {
        int n = written.size();
        int m = spoken.size();
        int[] owner = new int[n];
        if (m == 0) {
            java.util.Arrays.fill(owner, -1);
            return owner;
        }
        List<int[]> pairs = pairs(written, spoken);
        pairs.add(new int[] {n, m});
        int previousWritten = -1;
        int previousSpoken = -1;
        for (int[] pair : pairs) {
            int gap = pair[0] - previousWritten - 1;
            int spokenGap = pair[1] - previousSpoken - 1;
            for (int k = 0; k < gap; k++) {
                owner[previousWritten + 1 + k] = spokenGap > 0 ? previousSpoken + 1 + (int) ((long) k * spokenGap / gap)
                        : previousSpoken >= 0 ? previousSpoken : Math.min(pair[1], m - 1);
            }
            if (pair[0] < n) {
                owner[pair[0]] = pair[1];
            }
            previousWritten = pair[0];
            previousSpoken = pair[1];
        }
        return owner;
    }

    /** The pairs of equal words, in order: common prefix and suffix as they are, the middle by dynamic programming. */
    private static List<int[]> pairs(List<Token> written, List<Token> spoken) {
        int n = written.size();
        int m = spoken.size();
        int prefix = 0;
        while (prefix < n && prefix < m && same(written, prefix, spoken, prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix && same(written, n - 1 - suffix, spoken, m - 1 - suffix)) {
            suffix++;
        }
        List<int[]> pairs = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            pairs.add(new int[] {k, k});
        }
        int a = n - prefix - suffix;
        int b = m - prefix - suffix;
        if (a > 0 && b > 0 && (long) (a + 1) * (b + 1) <= MAX_CELLS) {
            middlePairs(written, spoken, prefix, a, b, pairs);
        }
        for (int k = suffix; k > 0; k--) {
            pairs.add(new int[] {n - k, m - k});
        }
        return pairs;
    }

    /** Longest common subsequence of {@code a} written and {@code b} spoken words from {@code offset}. */
    private static void middlePairs(List<Token> written, List<Token> spoken, int offset, int a, int b, List<int[]> pairs) {
        // lcs[i][j]: the longest common subsequence of the words from i and from j; at most min(a, b) < 2^15.
        short[] lcs = new short[(a + 1) * (b + 1)];
        int width = b + 1;
        for (int i = a - 1; i >= 0; i--) {
            for (int j = b - 1; j >= 0; j--) {
                lcs[i * width + j] = same(written, offset + i, spoken, offset + j)
                        ? (short) (lcs[(i + 1) * width + j + 1] + 1)
                        : (short) Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a && j < b) {
            if (same(written, offset + i, spoken, offset + j)) {
                pairs.add(new int[] {offset + i, offset + j});
                i++;
                j++;
            } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private static boolean same(List<Token> written, int i, List<Token> spoken, int j) {
        return written.get(i).key().equals(spoken.get(j).key());
    }
}
