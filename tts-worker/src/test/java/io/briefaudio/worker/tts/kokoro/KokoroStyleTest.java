package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KokoroStyleTest {

    @Test
    void shouldTakeTheRowOfThePhonemeCountMinusOneLikeTheOfficialPipeline() {
        assertEquals(0, KokoroStyle.row(1));
        assertEquals(1, KokoroStyle.row(2));
        assertEquals(99, KokoroStyle.row(100));
        assertEquals(509, KokoroStyle.row(510));
    }

    @Test
    void shouldClampToThePack() {
        assertEquals(0, KokoroStyle.row(0));
        assertEquals(509, KokoroStyle.row(511));
        assertEquals(509, KokoroStyle.row(10_000));
    }

    @Test
    void shouldCopyTheChunksRowOfThePack() {
        float[] pack = new float[KokoroStyle.ROWS * KokoroStyle.WIDTH];
        for (int i = 0; i < pack.length; i++) {
            pack[i] = i / KokoroStyle.WIDTH + (i % KokoroStyle.WIDTH) / 1000f;
        }
        float[] style = KokoroStyle.style(pack, 42);

        assertEquals(KokoroStyle.WIDTH, style.length);
        assertEquals(41f, style[0]);
        assertEquals(41.255f, style[255], 1e-4);
        pack[41 * KokoroStyle.WIDTH] = -1;
        assertEquals(41f, style[0], "a copy, not a view");
        assertArrayEquals(java.util.Arrays.copyOfRange(pack, 509 * 256, 510 * 256), KokoroStyle.style(pack, 600));
    }

    @Test
    void shouldRefuseAPackOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> KokoroStyle.style(new float[256], 1));
    }
}
