package io.briefaudio.worker.tts.kokoro;

import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * eSpeak NG's IPA for runs of words, with ties ({@code ^}) between the letters of one sound and stress marks.
 * Starting a process costs tens of milliseconds, so many runs go to one process as paragraphs, each followed by
 * a marker paragraph whose IPA is known. eSpeak NG answers a clause per line, and may cut a long run into two
 * clauses or say nothing for a run without words, so the lines between two markers are one run's IPA. Should
 * the markers not come back one per run, each run is read on its own. Thread-safe.
 */
final class EspeakIpa {

    private static final Logger LOG = Logger.getLogger(EspeakIpa.class);
    /** Keeps one process's time, and so the timeout, predictable. */
    private static final int MAX_BATCH_CHARS = 8000;
    /**
     * Short, so it costs little to say; every voice spells it. A run that says the same adds a marker, which the
     * count of markers then shows.
     */
    private static final String MARKER = "Qz";
    /** Language switches such as {@code (^e^n)} around an English word in French text. */
    private static final Pattern LANGUAGE_FLAG = Pattern.compile("\\([^)]*\\)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final EspeakProgram espeak;
    private final Map<String, String> markers = new ConcurrentHashMap<>();

    EspeakIpa(EspeakProgram espeak) {
        this.espeak = espeak;
    }

    /**
     * @param runs  runs of words without punctuation
     * @param voice an eSpeak NG voice, e.g. {@code en-us}
     * @return each run's IPA, words separated by single spaces, language flags removed; "" when eSpeak NG
     *         said nothing for a run
     */
    List<String> read(List<String> runs, String voice) throws SynthesisException {
        List<String> out = new ArrayList<>(runs.size());
        int from = 0;
        int chars = 0;
        for (int i = 0; i < runs.size(); i++) {
            if (i > from && chars + runs.get(i).length() > MAX_BATCH_CHARS) {
                out.addAll(readBatch(runs.subList(from, i), voice));
                from = i;
                chars = 0;
            }
            chars += runs.get(i).length() + MARKER.length() + 4;
        }
        if (from < runs.size()) {
            out.addAll(readBatch(runs.subList(from, runs.size()), voice));
        }
        return out;
    }

    private List<String> readBatch(List<String> runs, String voice) throws SynthesisException {
        if (runs.size() == 1) {
            return List.of(String.join(" ", clauses(runs, voice)));
        }
        String marker = marker(voice);
        List<String> input = new ArrayList<>();
        for (String run : runs) {
            input.add(run);
            input.add(MARKER);
        }
        List<String> out = new ArrayList<>(runs.size());
        List<String> run = new ArrayList<>();
        for (String line : clauses(input, voice)) {
            if (line.equals(marker)) {
                out.add(String.join(" ", run));
                run.clear();
            } else {
                run.add(line);
            }
        }
        if (out.size() == runs.size() && run.isEmpty()) {
            return out;
        }
        LOG.debugf("eSpeak NG's answer for %d runs of words had %d markers; reading each run on its own",
                runs.size(), out.size());
        out.clear();
        for (String each : runs) {
            out.add(String.join(" ", clauses(List.of(each), voice)));
        }
        return out;
    }

    private String marker(String voice) throws SynthesisException {
        String known = markers.get(voice);
        if (known == null) {
            known = String.join(" ", clauses(List.of(MARKER), voice));
            markers.put(voice, known);
        }
        return known;
    }

    /** eSpeak NG's lines for the paragraphs, cleaned, empty ones left out. */
    private List<String> clauses(List<String> paragraphs, String voice) throws SynthesisException {
        String text = paragraphs.stream().map(EspeakProgram::sanitize).collect(Collectors.joining("\n\n"));
        byte[] output = espeak.run(List.of("-q", "--ipa", "--tie=^", "-v", voice), text);
        List<String> lines = new ArrayList<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            String ipa = WHITESPACE.matcher(LANGUAGE_FLAG.matcher(line).replaceAll("")).replaceAll(" ").strip();
            if (!ipa.isEmpty()) {
                lines.add(ipa);
            }
        }
        return lines;
    }
}
