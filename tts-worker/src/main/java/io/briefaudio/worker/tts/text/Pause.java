package io.briefaudio.worker.tts.text;

/** The silence that follows a chunk of speech. */
public enum Pause {
    /** A sentence longer than the engine's limit was cut at a clause or word boundary. */
    CLAUSE,
    SENTENCE,
    PARAGRAPH,
    /** The last chunk of the text. */
    END
}
