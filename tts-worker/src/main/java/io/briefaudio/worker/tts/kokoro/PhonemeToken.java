package io.briefaudio.worker.tts.kokoro;

/**
 * The phonemes of one word (or of a run of words eSpeak NG read as fewer or more words than were written), or
 * of one punctuation mark, and the characters of the source text they stand for.
 */
record PhonemeToken(String phonemes, int sourceStart, int sourceEnd, boolean punctuation, boolean spaceAfter,
                    boolean paragraphAfter) {

    int length() {
        return phonemes.codePointCount(0, phonemes.length());
    }

    PhonemeToken followedBy(boolean space, boolean paragraph) {
        return new PhonemeToken(phonemes, sourceStart, sourceEnd, punctuation, spaceAfter || space,
                paragraphAfter || paragraph);
    }
}
