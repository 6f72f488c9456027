package io.briefaudio.worker.tts.quality;

/**
 * Loops in a sentence's audio codes. The rule: a code sequence loops when a stretch of it repeats the codes
 * {@code lag} positions earlier, for any lag. A stretch is made of runs of at least {@link #N} codes in a row that
 * equal the code {@code lag} earlier (that is, repeated {@value #N}-grams at one lag), joined across at most
 * {@link #MAX_GAP} differing codes between two such runs, so that one drawn code differing from its counterpart
 * does not hide a loop. The stretch's length, times the seconds per code, is the loop's duration; a repeat of one
 * code (lag 1) counts too, since a code held for long is a drone.
 */
final class CodeLoops {

    /** 4 codes are about 190 ms of speech: shorter repeats happen in ordinary speech, longer ones miss short loops. */
    static final int N = 4;
    static final int MAX_GAP = 2;

    private CodeLoops() {
    }

    /** The longest looping stretch, in codes (0 when none). */
    static int longestLoop(int[] codes) {
        int best = 0;
        for (int lag = 1; lag + N <= codes.length; lag++) {
            int stretchStart = -1;
            int stretchEnd = -1; // exclusive end of the last run in the stretch
            int runStart = -1;
            for (int i = lag; i <= codes.length; i++) {
                boolean equal = i < codes.length && codes[i] == codes[i - lag];
                if (equal) {
                    if (runStart < 0) {
                        runStart = i;
                    }
                    continue;
                }
                if (runStart >= 0 && i - runStart >= N) {
                    if (stretchStart >= 0 && runStart - stretchEnd <= MAX_GAP) {
                        stretchEnd = i;
                    } else {
                        stretchStart = runStart;
                        stretchEnd = i;
                    }
                    best = Math.max(best, stretchEnd - stretchStart);
                }
                runStart = -1;
            }
        }
        return best;
    }
}
