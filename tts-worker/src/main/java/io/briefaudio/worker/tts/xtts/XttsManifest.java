package io.briefaudio.worker.tts.xtts;

import java.util.List;
import java.util.Map;

/** The model directory's {@code manifest.json} (written by tools/xtts-export, format version 3). */
public record XttsManifest(int formatVersion, String model, String checkpoint, String licence, Dims dims,
                           Tokens tokens, Map<String, Integer> charLimits, SampleRates sampleRates, int codeStride,
                           int outputHop, SamplingDefaults sampling, Files files, Map<String, Table> embeddings,
                           List<SpeakerRef> speakers, Map<String, Map<String, Object>> quantization) {

    /**
     * 3: the GPT graph's attention is GroupQueryAttention over a cache buffer bound as both past and present,
     * with per-row lengths (2 read every row's whole buffer under a mask; 1 concatenated the cache every step).
     */
    public static final int FORMAT_VERSION = 3;

    public record Dims(int layers, int modelDim, int heads, int textVocab, int audioVocab, int startAudio,
                       int stopAudio, int maxTextTokens, int maxAudioTokens, int condLatents, int speakerDim,
                       int decoderChannels, int textPositions, int melPositions, int maxGenCodes) {

        int headDim() {
            return modelDim / heads;
        }
    }

    /** Token ids read from the tokenizer at export time; XTTS v1 and v2 differ, so never hard-code them. */
    public record Tokens(int start, int stop, int space, int unk, Map<String, Integer> languages) {
    }

    public record SampleRates(int input, int output) {
    }

    public record SamplingDefaults(double temperature, int topK, double topP, double repetitionPenalty) {
    }

    /** {@code gptInt8} is optional: the int8 GPT graph written by {@code xtts_export --quantize int8}. */
    public record Files(String tokenizer, String gpt, String hifigan, String embeddings, String speakers,
                        String gptInt8) {
    }

    /** A float32 table inside {@code embeddings.bin}; offset counted in floats. */
    public record Table(long offset, int rows, int cols) {
    }

    /** A studio voice inside {@code speakers.bin}: cond latents [32×D] then the speaker embedding. */
    public record SpeakerRef(String name, long offset) {
    }
}
