package io.briefaudio.worker.tts.kokoro;

import io.briefaudio.worker.tts.audio.Pcm;
import java.util.ArrayList;
import java.util.List;

/**
 * When each word of a chunk is heard, from the graph's {@code duration} output (frames per input id, 600 samples
 * each; id 0 at both ends is the boundary). A word's phonemes are its {@link PhonemeSpan}; where eSpeak NG read
 * several written words as one ("in the" → {@code ɪnðə}), their phonemes are shared out by the words' letters.
 */
final class KokoroWordTimes {

    private KokoroWordTimes() {
    }

    /** The words of {@code chunk} (offsets into {@code text}), its audio starting at {@code firstSample}. */
    static List<Pcm.Word> of(String text, PhonemeChunk chunk, long[] durations, int firstSample) {
        long[] framesBefore = new long[durations.length + 1];
        for (int id = 0; id < durations.length; id++) {
            framesBefore[id + 1] = framesBefore[id] + durations[id];
        }
        List<Pcm.Word> words = new ArrayList<>();
        for (PhonemeSpan span : chunk.spans()) {
            int fromId = span.phonemeStart() + 1;
            int toId = span.phonemeEnd() + 1;
            if (span.punctuation() || toId >= framesBefore.length || toId <= fromId) {
                continue;
            }
            List<int[]> written = writtenWords(text, span.sourceStart(), span.sourceEnd());
            int letters = written.stream().mapToInt(w -> w[2]).sum();
            int lettersBefore = 0;
            int id = fromId;
            for (int[] word : written) {
                lettersBefore += word[2];
                int endId = letters == 0 ? toId : fromId + Math.round((float) (toId - fromId) * lettersBefore / letters);
                int from = firstSample + (int) (framesBefore[id] * KokoroGraph.SAMPLES_PER_FRAME);
                int to = firstSample + (int) (framesBefore[Math.max(id, endId)] * KokoroGraph.SAMPLES_PER_FRAME);
                words.add(new Pcm.Word(word[0], word[1], from, to));
                id = Math.max(id, endId);
            }
        }
        return words;
    }

    /** Whitespace-separated words of {@code text[start, end)}: start, end and number of letters or digits. */
    private static List<int[]> writtenWords(String text, int start, int end) {
        List<int[]> words = new ArrayList<>();
        int i = start;
        while (i < end) {
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int from = i;
            int letters = 0;
            while (i < end && !Character.isWhitespace(text.charAt(i))) {
                letters += Character.isLetterOrDigit(text.charAt(i)) ? 1 : 0;
                i++;
            }
            if (i > from) {
                words.add(new int[] {from, i, Math.max(letters, 1)});
            }
        }
        return words;
    }
}
