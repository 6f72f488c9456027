package io.briefaudio.api.engines;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.api.voices.VoiceService;
import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.KokoroVoiceMix;
import io.briefaudio.shared.voices.UnsupportedLanguageException;
import io.briefaudio.shared.voices.VoiceMixException;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.shared.voices.WorkerEngines;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names the engine of a new job (docs/api.md, "Engines"): the request's {@code engine} when given; else a voice that
 * only one engine has decides (custom voices are XTTS's, {@code ENGINE:NAME} voices their engine's); else
 * {@code briefaudio.tts.default-engine}. Also answers, from the workers' heartbeats, whether anyone runs an engine.
 */
@ApplicationScoped
@Startup
public class EngineRouting {

    /** A plain engine voice name (not a Kokoro mix), which can be checked against what the workers announce. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}\\p{N} _.'-]+");

    private final AgroalDataSource dataSource;
    private final VoiceService voices;
    private final Engine defaultEngine;

    public EngineRouting(AgroalDataSource dataSource, VoiceService voices, EnginesConfig config) {
        this.dataSource = dataSource;
        this.voices = voices;
        this.defaultEngine = Engine.byId(config.defaultEngine()).orElseThrow(() -> new IllegalArgumentException(
                "briefaudio.tts.default-engine=" + config.defaultEngine() + " is not an engine; valid: " + Engine.ids()));
    }

    /** A job's voice and the engine that speaks it. */
    public record Routed(String voiceId, Engine engine) {
        public boolean needsClone() {
            return CustomVoices.isCustomId(voiceId);
        }
    }

    public Engine defaultEngine() {
        return defaultEngine;
    }

    /** The engine named in a request; 400 unknown-engine listing the valid names. Null stays null. */
    public static Engine engine(String requested) {
        if (requested == null) {
            return null;
        }
        return Engine.byId(requested).orElseThrow(() -> new ApiProblem(ProblemType.UNKNOWN_ENGINE,
                "Unknown engine '" + requested + "'; valid engines: " + String.join(", ", Engine.ids()),
                Map.of("valid_engines", Engine.ids())));
    }

    /**
     * The voice (default preset when null) and engine (see the class comment) of a new job.
     *
     * @throws ApiProblem unknown-engine, unknown-voice (saying which engines can speak the voice), voice-not-ready,
     *                    unsupported-language (a Japanese or Chinese Kokoro voice)
     */
    public Routed route(String requestedVoice, String requestedEngine) {
        Engine asked = engine(requestedEngine);
        String voice = requestedVoice == null ? VoicePreset.DEFAULT.id() : requestedVoice;
        if (VoicePreset.byId(voice).isPresent()) {
            return new Routed(voice, asked == null ? defaultEngine : asked);
        }
        if (CustomVoices.isCustomId(voice)) {
            voices.requireReady(voice);
            return new Routed(voice, only(voice, asked, Engine.XTTS));
        }
        Optional<Engine> owner = Engine.ofVoiceId(voice);
        if (owner.isPresent()) {
            Engine engine = only(voice, asked, owner.get());
            if (engine == Engine.KOKORO) {
                requireKokoroVoice(voice);
            }
            requireAnnounced(voice, engine);
            return new Routed(voice, engine);
        }
        voices.requireReady(voice); // answers unknown-voice
        throw new IllegalStateException("unreachable: " + voice + " is neither a preset nor an engine voice");
    }

    /** The engine a voice of one engine only needs; unknown-voice when the request asked for another. */
    private static Engine only(String voice, Engine asked, Engine owner) {
        if (asked != null && asked != owner) {
            throw new ApiProblem(ProblemType.UNKNOWN_VOICE, "Engine " + asked.id() + " cannot speak voice '" + voice
                    + "'; engines that can: " + owner.id(), Map.of("engines", List.of(owner.id())));
        }
        return owner;
    }

    /** A Kokoro voice or mix must parse, and its first part must be a language Kokoro speaks here. */
    private static void requireKokoroVoice(String voice) {
        try {
            KokoroVoiceMix.parse(voice);
        } catch (VoiceMixException e) {
            throw new ApiProblem(ProblemType.UNKNOWN_VOICE, "Unknown voice: " + e.getMessage(),
                    Map.of("engines", List.of(), "part", e.part()));
        } catch (UnsupportedLanguageException e) {
            throw unsupported(e.language(), Engine.KOKORO, "its voice '" + voice + "' is " + e.language());
        }
    }

    /**
     * A job's engine must speak its brief's language (docs/api.md, "Engines").
     *
     * @throws ApiProblem unsupported-language naming the engines that do speak it
     */
    public static void requireSpeaks(Engine engine, String language) {
        if (!engine.speaks(language)) {
            throw unsupported(language, engine, "the brief is in '" + language + "'");
        }
    }

    private static ApiProblem unsupported(String language, Engine engine, String why) {
        List<String> speakers = Engine.speaking(language);
        return new ApiProblem(ProblemType.UNSUPPORTED_LANGUAGE, "Engine " + engine.id() + " does not speak '" + language
                + "' (" + why + "); engines that can: " + String.join(", ", speakers),
                Map.of("language", language, "engines", speakers));
    }

    /**
     * An {@code ENGINE:NAME} voice must be one the engine's live workers announce; with no live worker it cannot be
     * checked and is accepted (the generate answer warns that nobody runs the engine).
     */
    private void requireAnnounced(String voice, Engine engine) {
        String name = Engine.voiceName(voice);
        if (!PLAIN_NAME.matcher(name).matches()) {
            return; // a mix of voices, which the engine itself checks
        }
        List<WorkerEngines.Engine> live = liveWorkers().stream().filter(w -> w.engine().equals(engine.id())).toList();
        if (live.isEmpty() || live.stream().anyMatch(w -> w.voices().contains(name))) {
            return;
        }
        List<String> known = live.stream().flatMap(w -> w.voices().stream()).distinct().sorted()
                .map(v -> engine.id() + ":" + v).toList();
        throw new ApiProblem(ProblemType.UNKNOWN_VOICE, "Engine " + engine.id() + " has no voice '" + name
                + "'; its voices: " + String.join(", ", known), Map.of("engines", List.of(), "valid_voice_ids", known));
    }

    /** Whether a live worker will claim items of this engine (and voice); false means the job waits for one. */
    public boolean hasLiveWorker(Engine engine, boolean needsClone) {
        try (Connection c = dataSource.getConnection()) {
            return WorkerEngines.anyLive(c, engine.id(), needsClone);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read worker heartbeats", e);
        }
    }

    /** What the generate answer warns about a job of this route: nobody runs its engine right now. */
    public List<String> warnings(Routed routed) {
        if (hasLiveWorker(routed.engine(), routed.needsClone())) {
            return List.of();
        }
        return List.of("No live worker runs the " + routed.engine().id() + " engine"
                + (routed.needsClone() ? " with voice cloning" : "") + "; the job waits until one starts "
                + "(an autoscaler may be starting one from zero)");
    }

    public List<WorkerEngines.Engine> liveWorkers() {
        try (Connection c = dataSource.getConnection()) {
            return WorkerEngines.running(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read worker heartbeats", e);
        }
    }
}
