package io.briefaudio.worker.voices;

import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.voices.CustomVoices;
import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;

/** Custom voices created as the API does, for the worker's voice tests. */
public final class VoiceFixtures {

    private VoiceFixtures() {
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
