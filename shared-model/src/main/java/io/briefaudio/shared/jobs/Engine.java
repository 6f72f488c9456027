package io.briefaudio.shared.jobs;

import io.briefaudio.shared.voices.KokoroLanguage;
import io.briefaudio.shared.voices.Languages;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The engines a job can name: the routing key of the item queue (audio_job.engine, audio_job_item.engine,
 * worker_engine.engine). A worker claims only items of its own engine; the names are the API's ({@code "engine"}).
 */
public enum Engine {
    ESPEAK("espeak", "eSpeak NG", false),
    XTTS("xtts", "XTTS v2", true),
    KOKORO("kokoro", "Kokoro-82M", false);

    /** The engine a job names when neither the request nor its voice decides (briefaudio.tts.default-engine). */
    public static final Engine DEFAULT = ESPEAK;

    private final String id;
    private final String label;
    private final boolean clones;

    Engine(String id, String label, boolean clones) {
        this.id = id;
        this.label = label;
        this.clones = clones;
    }

    /** The routing key, as in the database and the API: {@code espeak}, {@code xtts}, {@code kokoro}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Whether this engine speaks custom voices cloned from a clip (a worker also needs the cloning graphs). */
    public boolean clones() {
        return clones;
    }

    /**
     * Whether this engine speaks briefs in {@code language} (as in {@link Languages#SUPPORTED}): eSpeak NG and XTTS v2
     * every brief language, Kokoro-82M those its eSpeak NG front end reads ({@link KokoroLanguage}), not Japanese or
     * Chinese.
     */
    public boolean speaks(String language) {
        return this == KOKORO ? KokoroLanguage.BRIEF_LANGUAGES.contains(language) : Languages.isSupported(language);
    }

    /** The engines that speak briefs in {@code language}, as routing keys, in this enum's order. */
    public static List<String> speaking(String language) {
        return Arrays.stream(values()).filter(e -> e.speaks(language)).map(Engine::id).toList();
    }

    public static Optional<Engine> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Engine::id).toList();
    }

    /**
     * The engine of a speech engine's own name as recorded on assets ({@code espeak-ng}, {@code xtts-v2},
     * {@code kokoro-…}).
     */
    public static Optional<Engine> ofEngineName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Engine e : values()) {
            if (name.equals(e.id) || name.startsWith(e.id + "-")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The engine of an {@code ENGINE:NAME} voice id (an engine's own voice, e.g. {@code xtts:Ana Florence}), or empty
     * for a preset or custom voice id. The prefix must be a known engine.
     */
    public static Optional<Engine> ofVoiceId(String voiceId) {
        int colon = voiceId == null ? -1 : voiceId.indexOf(':');
        return colon <= 0 ? Optional.empty() : byId(voiceId.substring(0, colon));
    }

    /** The part after {@code ENGINE:} of an engine's own voice id, or null when there is none. */
    public static String voiceName(String voiceId) {
        int colon = voiceId == null ? -1 : voiceId.indexOf(':');
        return colon <= 0 ? null : voiceId.substring(colon + 1);
    }
}
