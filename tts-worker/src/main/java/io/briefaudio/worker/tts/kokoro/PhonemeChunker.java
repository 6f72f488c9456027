package io.briefaudio.worker.tts.kokoro;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs phoneme tokens into chunks of at most a cap of phonemes, the way the official pipeline does
 * (hexgrad/kokoro {@code KPipeline.en_tokenize}): words accumulate until the next would pass the cap, then the
 * chunk ends after its last sentence mark ({@code !.?…}), else its last {@code :;}, else its last {@code ,—},
 * taking a closing {@code )} or {@code ”} along, as long as what is left over still fits with the next word;
 * else at the last space. Paragraphs always end a chunk. No word is ever dropped: a single word longer
 * than the cap is cut into pieces of its own.
 */
final class PhonemeChunker {

    private static final List<String> CUT_AFTER = List.of("!.?…", ":;", ",—");
    private static final String CLOSING = ")”";

    private final int cap;
    private final List<PhonemeChunk> chunks = new ArrayList<>();

    private PhonemeChunker(int cap) {
        this.cap = cap;
    }

    static List<PhonemeChunk> chunk(List<PhonemeToken> tokens, int cap) {
        if (cap < 1 || cap > KokoroVocabulary.MAX_PHONEMES) {
            throw new IllegalArgumentException("the phoneme cap must be 1 to " + KokoroVocabulary.MAX_PHONEMES
                    + ", was " + cap);
        }
        PhonemeChunker chunker = new PhonemeChunker(cap);
        List<PhonemeToken> current = new ArrayList<>();
        for (PhonemeToken token : withoutEmpty(tokens)) {
            if (token.length() > cap) {
                chunker.emit(current);
                current = new ArrayList<>();
                chunker.emitPieces(token);
                continue;
            }
            if (length(current, token) > cap) {
                int cut = chunker.cutIndex(current, token);
                chunker.emit(current.subList(0, cut));
                current = new ArrayList<>(current.subList(cut, current.size()));
            }
            current.add(token);
            if (token.paragraphAfter()) {
                chunker.emit(current);
                current = new ArrayList<>();
            }
        }
        chunker.emit(current);
        return chunker.chunks;
    }

    /** Tokens the vocabulary left no phoneme in are dropped; the space or paragraph after them is not. */
    private static List<PhonemeToken> withoutEmpty(List<PhonemeToken> tokens) {
        List<PhonemeToken> out = new ArrayList<>();
        for (PhonemeToken token : tokens) {
            if (token.length() > 0) {
                out.add(token);
            } else if (!out.isEmpty()) {
                PhonemeToken last = out.get(out.size() - 1);
                out.set(out.size() - 1, last.followedBy(token.spaceAfter(), token.paragraphAfter()));
            }
        }
        return out;
    }

    private int cutIndex(List<PhonemeToken> current, PhonemeToken next) {
        for (String marks : CUT_AFTER) {
            int mark = lastMark(current, marks);
            if (mark < 0) {
                continue;
            }
            int cut = mark + 1;
            if (cut < current.size() && isMark(current.get(cut), CLOSING)) {
                cut++;
            }
            if (length(current.subList(cut, current.size()), next) <= cap) {
                return cut;
            }
        }
        // Between words, at a space: a mark written against its word ("ccc,") goes with it.
        for (int cut = current.size(); cut > 0; cut--) {
            if (current.get(cut - 1).spaceAfter()) {
                return length(current.subList(cut, current.size()), next) <= cap ? cut : current.size();
            }
        }
        return current.size();
    }

    private static int lastMark(List<PhonemeToken> tokens, String marks) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (isMark(tokens.get(i), marks)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isMark(PhonemeToken token, String marks) {
        return token.punctuation() && token.length() == 1 && marks.contains(token.phonemes());
    }

    /** The phonemes of the tokens followed by {@code next}, as one chunk would hold them. */
    private static int length(List<PhonemeToken> tokens, PhonemeToken next) {
        int length = next.length();
        for (PhonemeToken token : tokens) {
            length += token.length() + (token.spaceAfter() ? 1 : 0);
        }
        return length;
    }

    private void emit(List<PhonemeToken> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        StringBuilder phonemes = new StringBuilder();
        List<PhonemeSpan> spans = new ArrayList<>();
        int position = 0;
        for (int i = 0; i < tokens.size(); i++) {
            PhonemeToken token = tokens.get(i);
            phonemes.append(token.phonemes());
            spans.add(new PhonemeSpan(position, position + token.length(), token.sourceStart(), token.sourceEnd(),
                    token.punctuation()));
            position += token.length();
            if (token.spaceAfter() && i < tokens.size() - 1) {
                phonemes.append(' ');
                position++;
            }
        }
        chunks.add(new PhonemeChunk(phonemes.toString(), tokens.get(0).sourceStart(),
                tokens.get(tokens.size() - 1).sourceEnd(), spans));
    }

    /** One word longer than the cap (a run eSpeak NG read as one): cut at its spaces where it has them. */
    private void emitPieces(PhonemeToken token) {
        int[] codePoints = token.phonemes().codePoints().toArray();
        int from = 0;
        while (from < codePoints.length) {
            int end = Math.min(from + cap, codePoints.length);
            if (end < codePoints.length) {
                int space = lastSpace(codePoints, from, end);
                end = space > from ? space : end;
            }
            String piece = new String(codePoints, from, end - from).strip();
            if (!piece.isEmpty()) {
                int length = piece.codePointCount(0, piece.length());
                chunks.add(new PhonemeChunk(piece, token.sourceStart(), token.sourceEnd(),
                        List.of(new PhonemeSpan(0, length, token.sourceStart(), token.sourceEnd(), token.punctuation()))));
            }
            from = end;
        }
    }

    private static int lastSpace(int[] codePoints, int from, int end) {
        for (int i = end; i > from; i--) {
            if (codePoints[i] == ' ') {
                return i;
            }
        }
        return -1;
    }
}
