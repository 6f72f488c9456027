package io.briefaudio.worker.tts;

import io.briefaudio.worker.tts.text.Directives;
import io.briefaudio.worker.tts.text.Pause;
import io.briefaudio.worker.tts.text.SpeechChunk;
import io.briefaudio.worker.tts.text.SpeechChunker;
import io.briefaudio.worker.tts.text.TextPreparer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * What one narration says, in order: chunks under the engine's limit, each in its language and followed by its
 * pause. Sentence, clause and paragraph ends get the configured pauses; a {@code {break:…}} directive sets the
 * pause where it stands instead (breaks in a row add up), and a {@code {lang:…}} directive switches the language
 * of what follows.
 */
final class SpeechPlan {

    record Utterance(String text, String language, long pauseAfterMillis) {
    }

    private final List<String> texts = new ArrayList<>();
    private final List<String> languages = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();
    private final List<Boolean> explicit = new ArrayList<>();
    private final SpeechEngine engine;
    private final NarrationSettings settings;
    private long leadingMillis;

    private SpeechPlan(SpeechEngine engine, NarrationSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    static SpeechPlan of(String prepared, String language, SpeechEngine engine, NarrationSettings settings)
            throws SynthesisException {
        SpeechPlan plan = new SpeechPlan(engine, settings);
        String current = language;
        String[] paragraphs = prepared.split(TextPreparer.PARAGRAPH_BREAK);
        for (int p = 0; p < paragraphs.length; p++) {
            Matcher m = Directives.STRUCTURE.matcher(paragraphs[p]);
            int from = 0;
            while (m.find()) {
                plan.segment(paragraphs[p].substring(from, m.start()), current);
                if (m.group(1) != null) {
                    plan.pause(Long.parseLong(m.group(1)));
                } else {
                    current = m.group(2);
                }
                from = m.end();
            }
            plan.segment(paragraphs[p].substring(from), current);
            if (p < paragraphs.length - 1) {
                plan.naturalPause(settings.paragraphPause().toMillis());
            }
        }
        return plan;
    }

    List<Utterance> utterances() {
        List<Utterance> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Utterance(texts.get(i), languages.get(i), pauses.get(i)));
        }
        return out;
    }

    long leadingMillis() {
        return leadingMillis;
    }

    private void segment(String text, String language) throws SynthesisException {
        if (text.isBlank()) {
            return;
        }
        if (!engine.languages().contains(language)) {
            throw new SynthesisException(engine.name() + " does not speak language '" + language + "'", true);
        }
        List<SpeechChunk> chunks = SpeechChunker.split(text.strip(), language, engine.maxChunkChars(language));
        if (chunks.isEmpty()) {
            return;
        }
        // Text after a language switch continues the sentence: a clause's pause, unless a break was asked for.
        naturalPause(settings.clausePause().toMillis());
        for (SpeechChunk chunk : chunks) {
            texts.add(chunk.text());
            languages.add(language);
            pauses.add(millis(chunk.pauseAfter()));
            explicit.add(false);
        }
    }

    /** A natural pause after the last utterance, unless a break already set it or it is longer. */
    private void naturalPause(long millis) {
        int last = texts.size() - 1;
        if (last >= 0 && !explicit.get(last) && pauses.get(last) < millis) {
            pauses.set(last, millis);
        }
    }

    /** A break replaces the natural pause before it; breaks in a row add up. */
    private void pause(long millis) {
        int last = texts.size() - 1;
        if (last < 0) {
            leadingMillis += millis;
        } else if (explicit.get(last)) {
            pauses.set(last, pauses.get(last) + millis);
        } else {
            pauses.set(last, millis);
            explicit.set(last, true);
        }
    }

    private long millis(Pause pause) {
        return switch (pause) {
            case CLAUSE -> settings.clausePause().toMillis();
            case SENTENCE -> settings.sentencePause().toMillis();
            case PARAGRAPH -> settings.paragraphPause().toMillis();
            case END -> 0;
        };
    }
}
