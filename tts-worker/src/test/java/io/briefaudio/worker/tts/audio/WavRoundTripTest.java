package io.briefaudio.worker.tts.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.briefaudio.worker.tts.SynthesisException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavRoundTripTest {

    @Test
    void shouldDecodeWhatItEncodes() throws SynthesisException {
        Pcm pcm = new Pcm(new float[] {0f, 0.5f, -0.5f, 0.25f}, 16000);

        byte[] wav = WavEncoder.encode(pcm);
        Pcm decoded = WavDecoder.decode(wav);

        assertEquals(44 + 8, wav.length);
        assertEquals(16000, decoded.sampleRate());
        assertArrayEquals(pcm.samples(), decoded.samples(), 1e-4f);
    }

    @Test
    void shouldReadAStreamedWavWhoseLengthsArePlaceholders() throws SynthesisException {
        byte[] wav = WavEncoder.encode(new Pcm(new float[] {0.1f, 0.2f, 0.3f}, 22050));
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        // What espeak-ng --stdout writes: it cannot know the length when it starts streaming.
        header.putInt(4, 0x7ffff024);
        header.putInt(40, 0x7ffff000);

        Pcm decoded = WavDecoder.decode(wav);

        assertEquals(3, decoded.samples().length);
    }

    @Test
    void shouldSkipChunksBeforeTheData() throws SynthesisException {
        byte[] plain = WavEncoder.encode(new Pcm(new float[] {0.5f}, 8000));
        ByteBuffer withList = ByteBuffer.allocate(plain.length + 14).order(ByteOrder.LITTLE_ENDIAN);
        withList.put(plain, 0, 36).put("LIST".getBytes()).putInt(5).put(new byte[] {1, 2, 3, 4, 5, 0});
        withList.put(plain, 36, plain.length - 36);

        assertEquals(1, WavDecoder.decode(withList.array()).samples().length);
    }

    @Test
    void shouldRejectWhatIsNotPcm16Mono() {
        byte[] wav = WavEncoder.encode(new Pcm(new float[] {0f}, 8000));
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 2);

        assertThrows(SynthesisException.class, () -> WavDecoder.decode(wav));
        assertThrows(SynthesisException.class, () -> WavDecoder.decode(new byte[] {1, 2, 3}));
    }

    @Test
    void shouldClampSamplesBeyondFullScale() throws SynthesisException {
        Pcm decoded = WavDecoder.decode(WavEncoder.encode(new Pcm(new float[] {2f, -2f}, 8000)));

        assertArrayEquals(new float[] {32767 / 32768f, -32767 / 32768f}, decoded.samples());
    }
}
