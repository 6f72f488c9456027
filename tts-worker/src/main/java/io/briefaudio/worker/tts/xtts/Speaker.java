package io.briefaudio.worker.tts.xtts;

/** A studio voice: GPT conditioning latents [condLatents × modelDim], row-major, and the HiFi-GAN speaker embedding. */
public record Speaker(String name, float[] condLatent, float[] embedding) {
}
