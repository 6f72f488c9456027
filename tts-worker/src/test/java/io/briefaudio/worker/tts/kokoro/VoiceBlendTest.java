package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.briefaudio.shared.voices.KokoroVoiceMix;
import io.briefaudio.shared.voices.VoiceMixException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoiceBlendTest {

    private static final int SIZE = KokoroStyle.ROWS * KokoroStyle.WIDTH;
    private static final Map<String, float[]> PACKS = Map.of(
            "af_bella", ramp(1), "af_sky", ramp(-2), "bm_george", constant(4));

    @Test
    void shouldUseASingleVoicesPackAsItIs() {
        assertSame(PACKS.get("af_bella"), VoiceBlend.blend(KokoroVoiceMix.parse("kokoro:af_bella"), PACKS));
    }

    @Test
    void shouldAverageAnEvenMixElementByElement() {
        float[] mix = VoiceBlend.blend(KokoroVoiceMix.parse("kokoro:af_bella+af_sky"), PACKS);

        for (int i : new int[] {0, 1, 255, 256, SIZE - 1}) {
            assertEquals((ramp(1)[i] + ramp(-2)[i]) / 2, mix[i], 1e-4, "element " + i);
        }
    }

    @Test
    void shouldWeighEachVoiceByItsShare() {
        float[] mix = VoiceBlend.blend(KokoroVoiceMix.parse("kokoro:af_bella(3)+bm_george(1)"), PACKS);

        for (int i : new int[] {0, 1000, SIZE - 1}) {
            assertEquals(0.75 * ramp(1)[i] + 0.25 * 4, mix[i], 1e-4, "element " + i);
        }
        assertEquals(Arrays.toString(mix), Arrays.toString(
                VoiceBlend.blend(KokoroVoiceMix.parse("kokoro:af_bella(1.5)+bm_george(0.5)"), PACKS)));
    }

    @Test
    void shouldNameTheVoiceTheModelDoesNotHave() {
        VoiceMixException e = assertThrows(VoiceMixException.class,
                () -> VoiceBlend.blend(KokoroVoiceMix.parse("kokoro:af_bella+af_bela"), PACKS));
        assertEquals("af_bela", e.part());
    }

    @Test
    void shouldRefuseAPackOfTheWrongSize() {
        Map<String, float[]> packs = Map.of("af_bella", ramp(1), "af_sky", new float[256]);
        assertThrows(IllegalArgumentException.class,
                () -> VoiceBlend.blend(KokoroVoiceMix.parse("kokoro:af_bella+af_sky"), packs));
    }

    private static float[] ramp(float slope) {
        float[] pack = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            pack[i] = slope * i / SIZE;
        }
        return pack;
    }

    private static float[] constant(float value) {
        float[] pack = new float[SIZE];
        Arrays.fill(pack, value);
        return pack;
    }
}
