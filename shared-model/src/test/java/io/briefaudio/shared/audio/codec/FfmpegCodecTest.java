package io.briefaudio.shared.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.testing.Ffprobe;
import io.briefaudio.shared.testing.Ffprobe.Probe;
import io.briefaudio.shared.testing.Ffprobe.ProbedChapter;
import io.briefaudio.shared.testing.Tones;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FfmpegCodecTest {

    private static final int RATE = Tones.RATE;
    private final FfmpegCodec codec = new FfmpegCodec("ffmpeg", Duration.ofSeconds(60));

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void shouldEncodeMonoSpeechInEachFormat(AudioFormat format) throws Exception {
        Probe probe = Ffprobe.probe(codec.encode(tone(3_000), format));

        String expectedCodec = switch (format) {
            case WAV -> "pcm_s16le";
            case MP3 -> "mp3";
            case OPUS -> "opus";
            case M4A, AAC -> "aac";
            case FLAC -> "flac";
        };
        assertThat(probe.codec()).isEqualTo(expectedCodec);
        assertThat(probe.channels()).isEqualTo(1);
        assertThat(probe.sampleRate()).isEqualTo(format == AudioFormat.OPUS ? 48_000 : RATE);
        // MP3 frames and encoder padding make the container's estimate a little long; decoders trim it.
        assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.15));
    }

    @Test
    void shouldUseSpeechBitRates() throws Exception {
        byte[] wav = tone(10_000);
        // 64 kb/s for 10 s is 80 kB; Opus is variable (32 kb/s on speech, more on a pure tone) and smaller.
        int mp3 = codec.encode(wav, AudioFormat.MP3).length;
        assertThat(mp3).isBetween(75_000, 90_000);
        assertThat(codec.encode(wav, AudioFormat.OPUS).length).isLessThan(mp3);
        assertThat(wav.length).isGreaterThan(5 * mp3);
    }

    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"MP3", "OPUS", "M4A"})
    void shouldWriteChapterMarks(AudioFormat format) throws Exception {
        List<Chapter> chapters = List.of(new Chapter("Opening", 0, 700),
                new Chapter("Markets; up = good #1", 700, 3_200), new Chapter("Weather", 3_200, 5_000));

        Probe probe = Ffprobe.probe(codec.encode(tone(5_000), format, "Daily brief", chapters));

        assertThat(probe.chapters()).extracting(ProbedChapter::title)
                .containsExactly("Opening", "Markets; up = good #1", "Weather");
        assertThat(probe.chapters()).extracting(ProbedChapter::startMillis).containsExactly(0L, 700L, 3_200L);
    }

    @Test
    void shouldBeByteForByteRepeatable() throws Exception {
        byte[] wav = tone(1_000);
        assertThat(codec.encode(wav, AudioFormat.MP3)).isEqualTo(codec.encode(wav, AudioFormat.MP3));
    }

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void shouldEncodeAndDecodeFileToFileToTheBytesOfTheInMemoryCalls(AudioFormat format, @TempDir Path dir)
            throws Exception {
        byte[] wav = tone(2_000);
        Path in = Files.write(dir.resolve("in.wav"), wav);
        Path encoded = dir.resolve("encoded." + format.extension());
        Path decoded = dir.resolve("decoded.wav");

        codec.encodeFile(in, encoded, format);
        codec.decodeToWavFile(encoded, decoded, 16_000);

        byte[] expected = codec.encode(wav, format);
        assertThat(Files.readAllBytes(encoded)).isEqualTo(expected);
        assertThat(Files.readAllBytes(decoded)).isEqualTo(codec.decodeToWav(expected, 16_000));
    }

    @Test
    void shouldDecodeBackToWavAtTheAskedRate() throws Exception {
        byte[] mp3 = codec.encode(tone(2_000), AudioFormat.MP3);

        Probe probe = Ffprobe.probe(codec.decodeToWav(mp3, 24_000));

        assertThat(probe.codec()).isEqualTo("pcm_s16le");
        assertThat(probe.sampleRate()).isEqualTo(24_000);
        assertThat(probe.durationSeconds()).isCloseTo(2.0, within(0.03));
    }

    @Test
    void shouldSayHowToInstallFfmpegWhenMissing() {
        var missing = new FfmpegCodec("/nonexistent/ffmpeg", Duration.ofSeconds(5));
        assertThatThrownBy(() -> missing.encode(tone(100), AudioFormat.MP3))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("apt-get install ffmpeg");
    }

    @Test
    void shouldReportWhatFfmpegSaidWhenInputIsNotAudio() {
        assertThatThrownBy(() -> codec.encode("not audio".getBytes(), AudioFormat.MP3))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("ffmpeg exited with");
    }

    @Test
    void shouldStopFfmpegAtTheTimeout() {
        var impatient = new FfmpegCodec("ffmpeg", Duration.ofMillis(1));
        assertThatThrownBy(() -> impatient.encode(tone(60_000), AudioFormat.M4A))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("took longer than");
    }

    private static byte[] tone(int millis) {
        return Tones.wav(millis);
    }
}
