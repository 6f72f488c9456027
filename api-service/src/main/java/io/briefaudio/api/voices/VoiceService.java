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
import io.briefaudio.shared.voices.WorkerEngines;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import io.briefaudio.shared.jobs.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.TreeMap;
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

    /**
     * The presets once (with the engines whose live workers map them), every engine's own voices heard of in the past
     * day as {@code ENGINE:NAME} (available when a live worker announces them), then the tenant's custom voices.
     */
    public List<VoiceView> list() {
        try (Connection c = dataSource.getConnection()) {
            List<WorkerEngines.Seen> seen = WorkerEngines.seen(c);
            List<WorkerEngines.Engine> live = seen.stream().filter(WorkerEngines.Seen::live).map(WorkerEngines.Seen::worker).toList();
            boolean cloning = live.stream().anyMatch(w -> w.canClone() && Engine.XTTS.id().equals(w.engine()));
            Map<String, String> licenses = licenses(seen);
            List<VoiceView> out = new ArrayList<>();
            for (VoicePreset p : VoicePreset.values()) {
                List<String> engines = Arrays.stream(Engine.values()).map(Engine::id)
                        .filter(e -> live.stream().anyMatch(w -> w.engine().equals(e) && w.presets().contains(p.id())))
                        .toList();
                out.add(VoiceView.preset(p, engines, licenses));
            }
            for (Engine engine : Engine.values()) {
                Map<String, Boolean> voices = new TreeMap<>();
                for (WorkerEngines.Seen s : seen) {
                    if (s.worker().engine().equals(engine.id())) {
                        s.worker().voices().forEach(v -> voices.merge(v, s.live(), Boolean::logicalOr));
                    }
                }
                voices.forEach((name, available) -> out.add(VoiceView.engineVoice(engine, name, available,
                        licenses.get(engine.id()))));
            }
            for (CustomVoices.Voice v : CustomVoices.list(c, caller.tenantId())) {
                out.add(VoiceView.custom(v, cloning, licenses.get(Engine.XTTS.id())));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list voices", e);
        }
    }

    /**
     * Each engine's model licence as its workers announce it: a live worker's over one heard from in the past day, and
     * the first by worker id where workers of one engine differ (a fleet mid-upgrade).
     */
    private static Map<String, String> licenses(List<WorkerEngines.Seen> seen) {
        Map<String, String> out = new TreeMap<>();
        for (boolean live : new boolean[] {true, false}) {
            seen.stream().filter(s -> s.live() == live && s.worker().license() != null)
                    .forEach(s -> out.putIfAbsent(s.worker().engine(), s.worker().license()));
        }
        return out;
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
            List<WorkerEngines.Seen> seen = WorkerEngines.seen(c);
            boolean cloning = seen.stream().anyMatch(s -> s.live() && s.worker().canClone());
            return VoiceView.custom(CustomVoices.find(c, id).orElseThrow(), cloning, licenses(seen).get(Engine.XTTS.id()));
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
                    + String.join(", ", VoicePreset.ids()) + ", a custom voice id or an ENGINE:NAME voice from GET /api/voices",
                    Map.of("valid_voice_ids", VoicePreset.ids()));
        }
        if (!"ready".equals(voice.status())) {
            throw new ApiProblem(ProblemType.VOICE_NOT_READY, "Voice '" + id + "' is " + voice.status()
                    + (voice.errorMessage() == null ? "" : ": " + voice.errorMessage()), Map.of("voice_status", voice.status()));
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
