package io.briefaudio.shared.audio.codec;

/** A chapter mark: a title and where it starts and ends, in milliseconds from the start of the file. */
public record Chapter(String title, long startMillis, long endMillis) {

    public Chapter {
        if (startMillis < 0 || endMillis < startMillis) {
            throw new IllegalArgumentException("chapter '" + title + "' runs from " + startMillis + " to " + endMillis);
        }
    }
}
