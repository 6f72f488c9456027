package io.briefaudio.shared.transcripts;

import io.briefaudio.shared.pronunciation.Ssml;
import io.briefaudio.shared.transcripts.SpeechTiming.Point;
import io.briefaudio.shared.transcripts.SpeechTiming.Span;
import io.briefaudio.shared.transcripts.TextAlignment.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A narration's timing ({@link SpeechTiming}) laid onto the text as it was written: Polly-style speech marks whose
 * offsets point into that text, and one caption per sentence. Each sentence takes the written words its spoken
 * words stand for ({@link TextAlignment}) with the punctuation that clings to them, so the sentences follow each
 * other without overlap and every written word is in exactly one. Thread-safe (immutable).
 */
public final class ItemTranscript {

    /** A {@code <mark>} tag in SSML source; comments and CDATA are matched too, so tags inside them are passed over. */
    private static final Pattern MARK_TAG = Pattern.compile(
            "(?s)<!--.*?-->|<!\\[CDATA\\[.*?]]>|<(?:[A-Za-z_][\\w.-]*:)?mark\\b[^>]*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("<[^<>]*>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final List<SpeechMark> marks;
    private final List<Cue> cues;

    private ItemTranscript(List<SpeechMark> marks, List<Cue> cues) {
        this.marks = List.copyOf(marks);
        this.cues = List.copyOf(cues);
    }

    /** Sentence, word and SSML marks in the order they are heard (at equal times, in text order; a sentence first). */
    public List<SpeechMark> marks() {
        return marks;
    }

    /** One caption per sentence, its text as written (without markup). */
    public List<Cue> cues() {
        return cues;
    }

    public static ItemTranscript of(SpeechTiming timing, String writtenText) {
        String text = writtenText == null ? "" : writtenText;
        TextAlignment alignment = TextAlignment.of(text, timing.spokenText());
        List<SpeechMark> marks = new ArrayList<>();
        List<Cue> cues = new ArrayList<>();
        sentences(timing, text, alignment, marks, cues);
        words(timing, text, alignment, marks);
        ssmlMarks(timing, text, marks);
        marks.sort(Comparator.comparingLong(SpeechMark::time).thenComparingInt(SpeechMark::start)
                .thenComparingInt(ItemTranscript::rank));
        return new ItemTranscript(marks, cues);
    }

    private static void sentences(SpeechTiming timing, String text, TextAlignment alignment, List<SpeechMark> marks,
                                  List<Cue> cues) {
        List<Span> sentences = timing.sentences();
        int[] sentenceOf = enclosing(alignment.spoken(), sentences, false);
        int[] first = new int[sentences.size()];
        int[] last = new int[sentences.size()];
        Arrays.fill(first, -1);
        List<Token> written = alignment.written();
        for (int i = 0; i < written.size(); i++) {
            int owner = alignment.owner(i);
            if (owner < 0) {
                continue;
            }
            int sentence = sentenceOf[owner];
            if (sentence < 0) {
                continue; // nothing was heard at all
            }
            if (first[sentence] < 0) {
                first[sentence] = i;
            }
            last[sentence] = i;
        }
        int previousEnd = 0;
        for (int s = 0; s < sentences.size(); s++) {
            if (first[s] < 0) {
                continue; // nothing written stands for it (it cannot be highlighted or captioned)
            }
            int next = s + 1;
            while (next < sentences.size() && first[next] < 0) {
                next++;
            }
            int limit = next < sentences.size() ? written.get(first[next]).start() : text.length();
            int start = written.get(first[s]).start();
            while (start > previousEnd && clings(text.charAt(start - 1), '>')) {
                start--;
            }
            int end = written.get(last[s]).end();
            while (end < limit && clings(text.charAt(end), '<')) {
                end++;
            }
            previousEnd = end;
            Span span = sentences.get(s);
            String value = text.substring(start, end);
            marks.add(new SpeechMark(span.time(), SpeechMark.SENTENCE, start, end, value));
            cues.add(new Cue(span.time(), Math.max(span.time(), span.endTime()), captionText(value)));
        }
    }

    /** Punctuation that belongs to the word beside it: anything but whitespace and the edge of a tag. */
    private static boolean clings(char c, char tagEdge) {
        return !Character.isWhitespace(c) && c != tagEdge;
    }

    /** Each written word (letters and digits joined by anything but space, as "2.4" or "don't") heard when its first spoken word is. */
    private static void words(SpeechTiming timing, String text, TextAlignment alignment, List<SpeechMark> marks) {
        if (timing.words().isEmpty()) {
            return;
        }
        int[] wordOf = enclosing(alignment.spoken(), timing.words(), true);
        List<Token> written = alignment.written();
        int i = 0;
        while (i < written.size()) {
            int j = i;
            while (j + 1 < written.size() && joined(text, written.get(j).end(), written.get(j + 1).start())) {
                j++;
            }
            long time = Long.MAX_VALUE;
            for (int k = i; k <= j; k++) {
                int owner = alignment.owner(k);
                if (owner >= 0 && wordOf[owner] >= 0) {
                    time = Math.min(time, timing.words().get(wordOf[owner]).time());
                }
            }
            if (time != Long.MAX_VALUE) {
                int start = written.get(i).start();
                int end = written.get(j).end();
                marks.add(new SpeechMark(time, SpeechMark.WORD, start, end, text.substring(start, end)));
            }
            i = j + 1;
        }
    }

    private static boolean joined(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (Character.isWhitespace(c) || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }

    /** SSML marks point at their {@code <mark/>} tag; the {@code index}-th mark of the timing is the index-th tag. */
    private static void ssmlMarks(SpeechTiming timing, String text, List<SpeechMark> marks) {
        if (timing.marks().isEmpty() || !Ssml.isSsml(text)) {
            return;
        }
        List<int[]> tags = new ArrayList<>();
        Matcher m = MARK_TAG.matcher(text);
        while (m.find()) {
            if (!m.group().startsWith("<!")) {
                tags.add(new int[] {m.start(), m.end()});
            }
        }
        for (Point point : timing.marks()) {
            if (point.index() >= 0 && point.index() < tags.size()) {
                int[] tag = tags.get(point.index());
                marks.add(new SpeechMark(point.time(), SpeechMark.SSML, tag[0], tag[1], point.name()));
            }
        }
    }

    /**
     * For each spoken word, the span (sentence or word, sorted) it lies in: for sentences the last one starting at or
     * before it (every word has one), for words the one containing it, else -1.
     */
    private static int[] enclosing(List<Token> tokens, List<Span> spans, boolean strict) {
        int[] out = new int[tokens.size()];
        int s = 0;
        for (int t = 0; t < tokens.size(); t++) {
            int at = tokens.get(t).start();
            while (s + 1 < spans.size() && spans.get(s + 1).start() <= at) {
                s++;
            }
            boolean inside = !spans.isEmpty() && spans.get(s).start() <= at && at < spans.get(s).end();
            out[t] = spans.isEmpty() ? -1 : strict && !inside ? -1 : s;
        }
        return out;
    }

    /** What a caption shows of written text: no tags, entities decoded, whitespace collapsed. */
    static String captionText(String written) {
        String text = TAG.matcher(COMMENT.matcher(written).replaceAll("")).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&nbsp;", " ");
        text = decodeNumericEntities(text).replace("&amp;", "&");
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static String decodeNumericEntities(String text) {
        Matcher m = Pattern.compile("&#([xX]?)([0-9a-fA-F]{1,7});").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            try {
                int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
                if (Character.isValidCodePoint(code)) {
                    replacement = new String(Character.toChars(code));
                }
            } catch (NumberFormatException e) {
                // decimal digits with hex letters: not an entity, kept as written
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int rank(SpeechMark mark) {
        return switch (mark.type()) {
            case SpeechMark.SENTENCE -> 0;
            case SpeechMark.WORD -> 1;
            default -> 2;
        };
    }
}
