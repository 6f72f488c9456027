package io.briefaudio.shared.voices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.testing.TestClips;
import io.briefaudio.shared.voices.ClipException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ClipCheckTest {

    @Test
    void shouldTrimSilenceAndKeepTheSound() throws Exception {
        ClipAudio clip = ClipCheck.trimAndCheck(WavClipDecoder.decode(TestClips.wav(4, 2, 16000, 1)));
        assertThat(clip.seconds()).isBetween(3.9, 4.1);
    }

    @Test
    void shouldRejectAClipTooShortAfterTrimming() {
        assertReason(TestClips.wav(2, 5, 16000, 1), Reason.TOO_SHORT, "2.0 s of sound");
    }

    @Test
    void shouldRejectAClipTooLong() {
        assertReason(TestClips.wav(31, 0, 8000, 1), Reason.TOO_LONG, "at most 30 s");
    }

    @Test
    void shouldRejectASilentClip() {
        assertReason(TestClips.wav16(new short[16000 * 5], 16000, 1), Reason.SILENT, "silent");
    }

    @Test
    void shouldRejectSomethingThatIsNotAWav() {
        assertThatThrownBy(() -> WavClipDecoder.decode("hello, not audio".getBytes()))
                .isInstanceOfSatisfying(ClipException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUDIO));
    }

    @Test
    void shouldRejectMoreThanTenMegabytes() {
        assertThatThrownBy(() -> ClipCheck.checkSize(10L * 1024 * 1024 + 1))
                .isInstanceOfSatisfying(ClipException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void shouldDownMixStereoByAveragingTheChannels() throws Exception {
        ClipAudio clip = WavClipDecoder.decode(TestClips.wav16(new short[] {1000, 3000, -2000, 0}, 44100, 2));
        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.samples()).containsExactly(2000 / 32768f, -1000 / 32768f);
    }

    @Test
    void shouldReadFloatAnd24BitClips() throws Exception {
        ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-0.5f);
        assertThat(WavClipDecoder.decode(TestClips.riff(3, 32, 22050, 1, f.array())).samples())
                .containsExactly(0.25f, -0.5f);
        byte[] pcm24 = {0, 0, 0x40, 0, 0, (byte) 0xC0}; // 0.5 and -0.5
        assertThat(WavClipDecoder.decode(TestClips.riff(1, 24, 48000, 1, pcm24)).samples()).containsExactly(0.5f, -0.5f);
    }

    @Test
    void shouldRejectFloatClipsWithNanOrInfiniteSamplesAsSilenceIs() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertReason(TestClips.floatWav(bad, 16000, 5), Reason.SILENT, "not numbers");
        }
        // Two channels whose finite samples add up past the float range average to an infinity too.
        ByteBuffer stereo = ByteBuffer.allocate(16000 * 5 * 8).order(ByteOrder.LITTLE_ENDIAN);
        while (stereo.hasRemaining()) {
            stereo.putFloat(Float.MAX_VALUE);
        }
        assertReason(TestClips.riff(3, 32, 16000, 2, stereo.array()), Reason.SILENT, "not numbers");
    }

    private static void assertReason(byte[] wav, Reason reason, String message) {
        assertThatThrownBy(() -> ClipCheck.trimAndCheck(WavClipDecoder.decode(wav)))
                .isInstanceOfSatisfying(ClipException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
