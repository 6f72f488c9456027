package io.briefaudio.worker.tts.marks;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import io.briefaudio.shared.transcripts.SpeechTiming;
import io.briefaudio.shared.transcripts.SpeechTiming.Point;
import io.briefaudio.shared.transcripts.SpeechTiming.Span;
import io.briefaudio.worker.tts.audio.Pcm;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records where each spoken chunk of a narration landed in the joined track, and turns that into its
 * {@link SpeechTiming}: a sentence is heard from its first chunk's first audible sample to its last chunk's last
 * (chunks are sentences, or pieces of one cut at clauses or language switches), a word where the engine said
 * ({@link Pcm#words()}), an SSML mark at the next word or chunk (inside a chunk without word times, in proportion
 * to the characters before it). Exact for every engine, since chunks are joined here and nowhere else. Not
 * thread-safe: one per narration.
 */
public final class TimingRecorder {

    private static final Pattern DIRECTIVE = Pattern.compile("\\{(ph|break|lang):[^}]*}");

    private record Heard(int start, int end, long fromSample, long toSample, List<Pcm.Word> words) {
    }

    private final MarkedText text;
    private final String language;
    private final List<Heard> heard = new ArrayList<>();
    private int cursor;

    public TimingRecorder(MarkedText text, String language) {
        this.text = text;
        this.language = language;
    }

    /**
     * A chunk of the spoken text, in order: its audible part ({@code length} samples, the first {@code trimmed} of
     * the engine's output cut as silence) starts at {@code startSample} of the track.
     */
    public void spoken(String chunk, long startSample, int trimmed, int length, List<Pcm.Word> words) {
        int at = text.spoken().indexOf(chunk, cursor);
        if (at < 0) {
            throw new IllegalStateException("chunk '" + chunk + "' is not in the spoken text after offset " + cursor);
        }
        cursor = at + chunk.length();
        if (length == 0) {
            return; // the engine said nothing audible: nothing to point at
        }
        long end = startSample + length;
        List<Pcm.Word> placed = new ArrayList<>();
        for (Pcm.Word w : words) {
            long from = clamp(startSample + w.fromSample() - trimmed, startSample, end);
            long to = clamp(startSample + w.toSample() - trimmed, from, end);
            placed.add(new Pcm.Word(at + w.textStart(), at + w.textEnd(), (int) from, (int) to));
        }
        heard.add(new Heard(at, at + chunk.length(), startSample, end, placed));
    }

    /** The timing of the finished track of {@code totalSamples} at {@code sampleRate}. */
    public SpeechTiming finish(int sampleRate, long totalSamples) {
        List<Span> sentences = new ArrayList<>();
        List<Span> words = new ArrayList<>();
        int[] sentenceStarts = sentenceStarts();
        Heard first = null;
        Heard last = null;
        int sentence = -1;
        for (Heard h : heard) {
            int s = sentenceOf(sentenceStarts, h.start());
            if (first != null && s != sentence) {
                sentences.add(span(first.fromSample(), last.toSample(), first.start(), last.end(), sampleRate));
                first = null;
            }
            if (first == null) {
                first = h;
                sentence = s;
            }
            last = h;
            for (Pcm.Word w : h.words()) {
                words.add(span(w.fromSample(), w.toSample(), w.textStart(), w.textEnd(), sampleRate));
            }
        }
        if (first != null) {
            sentences.add(span(first.fromSample(), last.toSample(), first.start(), last.end(), sampleRate));
        }
        List<Point> marks = new ArrayList<>();
        for (MarkedText.Mark mark : text.marks()) {
            marks.add(new Point(millis(markSample(mark.position(), totalSamples), sampleRate), mark.index(), mark.name()));
        }
        return new SpeechTiming(SpeechTiming.VERSION, text.spoken(), millis(totalSamples, sampleRate), sentences, words,
                marks);
    }

    /** Where ICU's sentences of the spoken text start; directives count as spaces, a phoneme as a word. */
    private int[] sentenceStarts() {
        String spoken = text.spoken();
        StringBuilder plain = new StringBuilder(spoken);
        Matcher m = DIRECTIVE.matcher(spoken);
        while (m.find()) {
            char filler = m.group(1).equals("ph") ? 'x' : ' ';
            for (int i = m.start(); i < m.end(); i++) {
                plain.setCharAt(i, filler);
            }
        }
        BreakIterator sentences = BreakIterator.getSentenceInstance(ULocale.forLanguageTag(language));
        sentences.setText(plain.toString());
        List<Integer> starts = new ArrayList<>();
        for (int b = sentences.first(); b != BreakIterator.DONE; b = sentences.next()) {
            starts.add(b);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int sentenceOf(int[] starts, int position) {
        int s = 0;
        while (s + 1 < starts.length && starts[s + 1] <= position) {
            s++;
        }
        return s;
    }

    /** At the first word or chunk heard at or after the mark; inside a chunk without words, by characters. */
    private long markSample(int position, long totalSamples) {
        for (Heard h : heard) {
            if (position >= h.end()) {
                continue;
            }
            if (position <= h.start()) {
                return h.fromSample();
            }
            for (Pcm.Word w : h.words()) {
                if (w.textStart() >= position) {
                    return w.fromSample();
                }
            }
            double share = (double) (position - h.start()) / (h.end() - h.start());
            return h.fromSample() + Math.round(share * (h.toSample() - h.fromSample()));
        }
        return totalSamples;
    }

    private static Span span(long fromSample, long toSample, int start, int end, int sampleRate) {
        return new Span(millis(fromSample, sampleRate), millis(toSample, sampleRate), start, end);
    }

    private static long millis(long samples, int sampleRate) {
        return Math.round(samples * 1000.0 / sampleRate);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
