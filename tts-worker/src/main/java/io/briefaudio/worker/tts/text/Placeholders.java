package io.briefaudio.worker.tts.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands one private-use character in for each {@link Directives directive} while text is being prepared, so that
 * cleaning, abbreviations and numbers pass it by untouched; {@link #restore} puts the directives in at the end.
 * An item's own private-use characters are dropped before any placeholder is made. Not thread-safe.
 */
final class Placeholders {

    static final char FIRST = '\uE000';
    static final char LAST = '\uF8FF';

    private final List<String> directives = new ArrayList<>();

    String add(String directive) {
        if (FIRST + directives.size() > LAST) {
            throw new IllegalArgumentException("too much markup in one text");
        }
        directives.add(directive);
        return String.valueOf((char) (FIRST + directives.size() - 1));
    }

    static boolean isPlaceholder(int c) {
        return c >= FIRST && c <= LAST;
    }

    /** The directive a placeholder stands for, or null for any other character. */
    String directive(char c) {
        int i = c - FIRST;
        return isPlaceholder(c) && i < directives.size() ? directives.get(i) : null;
    }

    String restore(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            String directive = directive(text.charAt(i));
            if (directive != null) {
                out.append(directive);
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
