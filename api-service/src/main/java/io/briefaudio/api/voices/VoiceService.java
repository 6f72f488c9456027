package io.briefaudio.api.voices;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.voices.ClipCheck;
import io.briefaudio.shared.voices.ClipException;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.Languages;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.shared.voices.WavClipDecoder;
import io.briefaudio.shared.voices.KokoroVoiceMix;
import io.briefaudio.shared.voices.UnsupportedLanguageException;
import io.briefaudio.shared.voices.VoiceMixException;
import io.briefaudio.shared.voices.WorkerEngines;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Presets and custom voices. A new voice's clip is checked (fully for WAV, by its signature for compressed formats,
 * which the worker decodes), stored in the audio storage and queued for preparation; the API never runs a model.
 */
@ApplicationScoped
public class VoiceService {

    private static final Logger LOG = Logger.getLogger(VoiceService.class);
    private final AgroalDataSource dataSource;
    private final AudioStorage storage;
    private final Caller caller;

    public VoiceService(AgroalDataSource dataSource, AudioStorage storage, Caller caller) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.caller = caller;
    }

    /** A validated upload: everything but the clip's bytes is already checked. */
    public record NewVoice(String name, String description, String language, String basePreset, byte[] clip) {
    }

    public List<VoiceView> list() {
        try (Connection c = dataSource.getConnection()) {
            List<WorkerEngines.Engine> engines = WorkerEngines.running(c);
            boolean anyWorker = !engines.isEmpty();
            boolean cloning = engines.stream().anyMatch(WorkerEngines.Engine::canClone);
            List<VoiceView> out = new ArrayList<>();
            List<WorkerEngines.Offer> offers = WorkerEngines.offers(c);
            String licenses = offers.stream().map(WorkerEngines.Offer::license).filter(java.util.Objects::nonNull)
                    .distinct().sorted().collect(java.util.stream.Collectors.joining(" / "));
            for (VoicePreset p : VoicePreset.values()) {
                out.add(VoiceView.preset(p, anyWorker, licenses.isEmpty() ? null : licenses));
            }
            for (WorkerEngines.Offer offer : offers) {
                for (String voice : offer.voices()) {
                    out.add(VoiceView.model(voice, offer.engine(), offer.license()));
                }
            }
            for (CustomVoices.Voice v : CustomVoices.list(c, caller.tenantId())) {
                out.add(VoiceView.custom(v, cloning));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list voices", e);
        }
    }

    public VoiceView create(NewVoice request) {
        byte[] clip = request.clip();
        ClipFormat format;
        try {
            ClipCheck.checkSize(clip.length);
            format = ClipFormat.sniff(clip).orElseThrow(() -> new ClipException(ClipException.Reason.NOT_AUDIO,
                    "it is not audio this service reads (WAV, MP3, Ogg/Opus, FLAC, M4A or WebM)"));
            if (format == ClipFormat.WAV) {
                ClipCheck.trimAndCheck(WavClipDecoder.decode(clip));
            }
        } catch (ClipException e) {
            throw problem(e);
        }
        String id = CustomVoices.ID_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String key = "voice_" + id + "_clip." + format.extension;
        storage.put(key, clip, format.contentType);
        var voice = new CustomVoices.Voice(id, caller.tenantId(), request.name(), request.description(), request.language(),
                request.basePreset(), key, format.contentType, clip.length, "preparing", null, null);
        try (Connection c = dataSource.getConnection()) {
            CustomVoices.create(c, voice);
            LOG.infof("Custom voice %s created (%s, %d bytes); queued for preparation", id, format, clip.length);
            return VoiceView.custom(CustomVoices.find(c, id).orElseThrow(), false);
        } catch (SQLException e) {
            storage.delete(key);
            throw new IllegalStateException("cannot store voice " + id, e);
        }
    }

    public void delete(String id) {
        if (VoicePreset.byId(id).isPresent()) {
            throw new ApiProblem(ProblemType.CONFLICT, "Voice '" + id + "' is a preset; only custom voices can be deleted");
        }
        try (Connection c = dataSource.getConnection()) {
            CustomVoices.Voice gone = CustomVoices.delete(c, caller.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("Voice", id));
            storage.delete(gone.clipKey());
            LOG.infof("Custom voice %s deleted", id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete voice " + id, e);
        }
    }

    /**
     * A Kokoro voice or mix ({@code kokoro:af_bella(2)+af_sky(1)}) in its canonical form, when every part is a voice
     * of a running Kokoro worker; otherwise 400 {@code unknown-voice} naming the part, or {@code unsupported-language}
     * for a Japanese or Chinese voice.
     */
    public String requireModelVoice(String id) {
        KokoroVoiceMix mix;
        try {
            mix = KokoroVoiceMix.parse(id);
        } catch (UnsupportedLanguageException e) {
            throw new ApiProblem(ProblemType.UNSUPPORTED_LANGUAGE, e.getMessage(),
                    Map.of("language", e.language(), "engines", e.enginesThatCan()));
        } catch (VoiceMixException e) {
            throw new ApiProblem(ProblemType.UNKNOWN_VOICE, e.getMessage(), Map.of("part", e.part()));
        }
        java.util.Set<String> offered = new java.util.TreeSet<>();
        try (Connection c = dataSource.getConnection()) {
            for (WorkerEngines.Offer offer : WorkerEngines.offers(c)) {
                offer.voices().stream().filter(KokoroVoiceMix::isKokoroVoice)
                        .forEach(v -> offered.add(v.substring(KokoroVoiceMix.PREFIX.length())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up voice " + id, e);
        }
        if (offered.isEmpty()) {
            throw new ApiProblem(ProblemType.UNKNOWN_VOICE, "Voice '" + id + "' needs a Kokoro worker, and none is "
                    + "running; GET /api/voices lists the voices that can be spoken", Map.of("part", mix.parts().get(0).name()));
        }
        try {
            mix.requireAvailable(offered);
        } catch (VoiceMixException e) {
            throw new ApiProblem(ProblemType.UNKNOWN_VOICE, e.getMessage(), Map.of("part", e.part()));
        }
        return mix.id();
    }

    /** The id of a custom voice that can be used for a job now; otherwise the problem that explains why not. */
    public String requireReady(String id) {
        CustomVoices.Voice voice;
        try (Connection c = dataSource.getConnection()) {
            // Another tenant's voice is answered like one that does not exist.
            voice = CustomVoices.isCustomId(id) ? CustomVoices.find(c, id)
                    .filter(v -> v.tenantId() == caller.tenantId()).orElse(null) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up voice " + id, e);
        }
        if (voice == null) {
            throw new ApiProblem(ProblemType.UNKNOWN_VOICE, "Unknown voice_id '" + id + "'; valid ids: "
                    + String.join(", ", VoicePreset.ids()) + " or a custom voice id from GET /api/voices",
                    Map.of("valid_voice_ids", VoicePreset.ids()));
        }
        if (!"ready".equals(voice.status())) {
            throw new ApiProblem(ProblemType.VOICE_NOT_READY, "Voice '" + id + "' is " + voice.status()
                    + (voice.errorMessage() == null ? "" : ": " + voice.errorMessage()), Map.of("status", voice.status()));
        }
        return id;
    }

    static void checkLanguage(String language) {
        if (language != null && !Languages.isSupported(language)) {
            throw ApiProblem.invalid("Unsupported language '" + language + "'",
                    List.of(new ApiProblem.FieldError("language", "must be one of " + Languages.SUPPORTED)));
        }
    }

    private static ApiProblem problem(ClipException e) {
        ProblemType type = switch (e.reason()) {
            case NOT_AUDIO -> ProblemType.CLIP_NOT_AUDIO;
            case TOO_LARGE -> ProblemType.CLIP_TOO_LARGE;
            case TOO_SHORT -> ProblemType.CLIP_TOO_SHORT;
            case TOO_LONG -> ProblemType.CLIP_TOO_LONG;
            case SILENT -> ProblemType.CLIP_SILENT;
        };
        return new ApiProblem(type, "The clip cannot be used: " + e.getMessage());
    }
}
