package io.briefaudio.worker.voices;

import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.voices.ClipAudio;
import io.briefaudio.shared.voices.ClipException;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.CustomVoices.Embedding;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Embeddings of custom voices for this worker's engine and model version: computed once from the stored clip
 * and kept in {@code voice_embedding}; a worker with another model version computes its own on first use.
 */
public class VoiceEmbeddings {

    private final SpeechEngine engine;
    private final AudioStorage storage;
    private final DataSource dataSource;
    private final ClipReader reader;

    public VoiceEmbeddings(SpeechEngine engine, AudioStorage storage, DataSource dataSource, ClipReader reader) {
        this.engine = engine;
        this.storage = storage;
        this.dataSource = dataSource;
        this.reader = reader;
    }

    public SpeechEngine engine() {
        return engine;
    }

    /** The stored embeddings for this model version, or ones computed now from the voice's clip. */
    public Embedding forVoice(CustomVoices.Voice voice) throws SynthesisException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Embedding> stored = CustomVoices.embedding(c, voice.id(), engine.modelVersion());
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return compute(voice.id(), voice.clipKey());
    }

    /** Reads the clip, checks it and stores the embeddings; a clip that cannot be a voice fails permanently. */
    public Embedding compute(String voiceId, String clipKey) throws SynthesisException, SQLException {
        if (!engine.canClone()) {
            throw new SynthesisException(engine.name() + " cannot clone voices; custom voices need an XTTS worker", true);
        }
        ClipAudio clip;
        try {
            clip = reader.read(read(clipKey), engine::acceptsClipRate);
        } catch (ClipException e) {
            throw new SynthesisException(e.getMessage(), true, e);
        } catch (IOException e) {
            throw new SynthesisException("cannot read the clip: " + e.getMessage(), false, e);
        }
        ClonedVoice cloned = engine.cloneVoice(clip.samples(), clip.sampleRate());
        try (Connection c = dataSource.getConnection()) {
            return CustomVoices.putEmbedding(c, voiceId, engine.modelVersion(), cloned.condLatent(),
                    cloned.speakerEmbedding());
        }
    }

    private byte[] read(String key) throws IOException {
        long size = storage.stat(key).orElseThrow(() -> new IOException("the clip " + key + " is gone from storage"))
                .sizeBytes();
        try (InputStream in = storage.open(key, 0, size)) {
            return in.readAllBytes();
        }
    }
}
