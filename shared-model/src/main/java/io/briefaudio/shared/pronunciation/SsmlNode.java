package io.briefaudio.shared.pronunciation;

import java.util.List;

/** What an SSML item says, as {@link Ssml} read it: the supported subset only, every value checked. */
public sealed interface SsmlNode {

    /** Text to speak as written (it still goes through the lexicon, numbers and abbreviations). */
    record Text(String text) implements SsmlNode {
    }

    /** Silence of exactly this length. */
    record Break(int millis) implements SsmlNode {
    }

    /** {@code <p>} or {@code <s>}: a paragraph or a sentence. */
    record Block(boolean paragraph, List<SsmlNode> children) implements SsmlNode {
    }

    /** {@code <sub alias>}: the alias is spoken instead of the text. */
    record Sub(String alias, String text) implements SsmlNode {
    }

    /** {@code <say-as interpret-as format>}: how to read the text (characters, cardinal, ordinal, digits, date, ...). */
    record SayAs(String interpretAs, String format, String text) implements SsmlNode {
    }

    /** {@code <phoneme alphabet="ipa" ph>}: the IPA, or the text for engines that cannot take phonemes. */
    record Phoneme(String ipa, String text) implements SsmlNode {
    }

    /** {@code <emphasis level>}: strong, moderate, reduced or none. */
    record Emphasis(String level, List<SsmlNode> children) implements SsmlNode {
    }

    /** {@code <lang xml:lang>} (or {@code xml:lang} on speak, p, s): the children in another brief language. */
    record Lang(String language, List<SsmlNode> children) implements SsmlNode {
    }

    /** {@code <mark name>}: a point in the speech; it says nothing. */
    record Mark(String name) implements SsmlNode {
    }
}
