package io.briefaudio.worker.voices;

import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;

/** The tiny XTTS model (which can clone) shared by the voice tests, and custom voices created as the API does. */
public final class VoiceFixtures {

    private static XttsEngine xtts;

    private VoiceFixtures() {
    }

    /** Loaded once per test JVM and left open: ORT sessions are freed when the JVM exits. */
    public static synchronized XttsEngine xtts() throws Exception {
        if (xtts == null) {
            xtts = XttsEngine.load(Path.of(VoiceFixtures.class.getResource("/xtts-tiny/manifest.json").toURI())
                    .getParent(), 1);
        }
        return xtts;
    }

    /** What POST /api/voices does: the clip into storage, the voice (preparing) and its queued task. */
    public static String createVoice(DataSource dataSource, AudioStorage storage, byte[] clip, String extension,
                                     String basePreset) throws Exception {
        String id = CustomVoices.ID_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String key = "voice_" + id + "_clip." + extension;
        storage.put(key, clip, "audio/" + extension);
        try (Connection c = dataSource.getConnection()) {
            CustomVoices.create(c, new CustomVoices.Voice(id, 1, "Test", null, "en", basePreset, key,
                    "audio/" + extension, clip.length, "preparing", null, null));
        }
        return id;
    }

    public static void truncate(DataSource dataSource) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("TRUNCATE custom_voice, voice_preparation, voice_embedding, worker_engine, audio_asset CASCADE");
        }
    }
}
