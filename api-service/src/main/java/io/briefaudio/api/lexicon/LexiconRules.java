package io.briefaudio.api.lexicon;

import io.briefaudio.api.lexicon.LexiconViews.CreateEntryRequest;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.shared.pronunciation.LexiconEntry;
import io.briefaudio.shared.voices.Languages;
import java.util.List;

/** What a lexicon entry may hold, the same for JSON and PLS: each broken rule is one field error. */
final class LexiconRules {

    /** Characters that would read as markup or as an engine's phoneme input, never part of a word or of IPA. */
    private static final String STRUCTURAL = "<>{}[]|\\";

    private final LexiconConfig limits;

    LexiconRules(LexiconConfig limits) {
        this.limits = limits;
    }

    /** The entry the request describes, with surrounding whitespace removed; problems are added to {@code errors}. */
    LexiconEntry entry(CreateEntryRequest r, List<FieldError> errors) {
        return entry(r, "", errors);
    }

    LexiconEntry entry(CreateEntryRequest r, String path, List<FieldError> errors) {
        String grapheme = strip(r.grapheme());
        if (grapheme == null || grapheme.isEmpty()) {
            errors.add(new FieldError(path + "grapheme", "must not be empty"));
        } else if (grapheme.length() > limits.maxGraphemeChars()) {
            errors.add(new FieldError(path + "grapheme", "has " + grapheme.length() + " characters; at most "
                    + limits.maxGraphemeChars()));
        } else {
            checkText(path + "grapheme", grapheme, errors);
        }
        String alias = strip(r.alias());
        if (alias != null) {
            if (alias.isEmpty()) {
                errors.add(new FieldError(path + "alias", "must not be empty when given"));
            } else if (alias.length() > limits.maxPronunciationChars()) {
                errors.add(new FieldError(path + "alias", "has " + alias.length() + " characters; at most "
                        + limits.maxPronunciationChars()));
            } else {
                checkText(path + "alias", alias, errors);
            }
        }
        String ph = null;
        if (r.phoneme() != null) {
            if (!LexiconEntry.IPA.equals(r.phoneme().alphabet())) {
                errors.add(new FieldError(path + "phoneme.alphabet", "must be \"ipa\" (the only alphabet supported)"));
            }
            ph = strip(r.phoneme().ph());
            if (ph == null || ph.isEmpty()) {
                errors.add(new FieldError(path + "phoneme.ph", "must not be empty"));
            } else if (ph.length() > limits.maxPronunciationChars()) {
                errors.add(new FieldError(path + "phoneme.ph", "has " + ph.length() + " characters; at most "
                        + limits.maxPronunciationChars()));
            } else if (ph.codePoints().anyMatch(c -> Character.isISOControl(c) || STRUCTURAL.indexOf(c) >= 0
                    || Character.isDigit(c) || Character.getType(c) == Character.FORMAT)) {
                errors.add(new FieldError(path + "phoneme.ph", "must be IPA: no digits, control characters or any of "
                        + STRUCTURAL));
            }
        }
        if (alias == null && r.phoneme() == null) {
            errors.add(new FieldError(path + "alias", "an alias or a phoneme is required"));
        }
        String language = r.language() == null ? null : r.language().strip();
        if (language != null && (language.isEmpty() || LexiconService.ANY_LANGUAGE.equals(language))) {
            language = null;
        } else if (language != null && !Languages.isSupported(language)) {
            errors.add(new FieldError(path + "language", "must be \"any\" or one of "
                    + String.join(", ", Languages.SUPPORTED)));
        }
        return LexiconEntry.of(grapheme, alias, ph, Boolean.TRUE.equals(r.caseSensitive()), language);
    }

    private static void checkText(String field, String text, List<FieldError> errors) {
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || c == '<' || c == '>' || c == '{' || c == '}' || c == '[' || c == ']')) {
            errors.add(new FieldError(field, "must be plain text: no control characters, markup or brackets"));
        } else if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            errors.add(new FieldError(field, "must contain a letter or digit"));
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    /** The first few errors in words; the full (capped) list is in {@code errors}. */
    static String describe(List<FieldError> errors) {
        String first = errors.stream().limit(3).map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return errors.size() > 3 ? first + "; and " + (errors.size() - 3) + " more" : first;
    }
}
