package io.briefaudio.worker.tts;

/**
 * What an engine that clones needs from a reference clip: the GPT conditioning latents [32 × model width] and the
 * decoder's speaker embedding, both row-major float32. {@code modelVersion} is the engine version they were made for.
 */
public record ClonedVoice(String modelVersion, float[] condLatent, float[] speakerEmbedding) {
}
