package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.speech.SpeechModel;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK against the packaged api-service and an eSpeak NG worker. */
class OpenAiSpeechIT {

    private static RunningSystem system;
    private static OpenAIClient openai;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem("briefaudio_e2e_openai");
        openai = OpenAIOkHttpClient.builder()
                .baseUrl(system.baseUrl + "/v1")
                .apiKey("not-needed")
                .timeout(Duration.ofSeconds(120))
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static byte[] speak(SpeechCreateParams params) throws Exception {
        try (HttpResponse response = openai.audio().speech().create(params)) {
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body().readAllBytes();
        }
    }

    @Test
    void shouldReturnValidWavThroughTheOfficialSdk() throws Exception {
        byte[] wav = speak(SpeechCreateParams.builder()
                .model(SpeechModel.TTS_1)
                .input("Good morning. Markets rose two percent on Tuesday.")
                .voice(SpeechCreateParams.Voice.ALLOY)
                .responseFormat(SpeechCreateParams.ResponseFormat.WAV)
                .build());

        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = audio.getFormat();
            assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            double seconds = audio.getFrameLength() / format.getFrameRate();
            assertThat(seconds).isBetween(1.0, 15.0);
        }
    }

    @Test
    void shouldReturnMp3ByDefaultAndPcmOnRequest() throws Exception {
        byte[] mp3 = speak(SpeechCreateParams.builder()
                .model("gpt-4o-mini-tts").input("Rain is expected later today.").voice("nova").build());
        boolean id3 = mp3[0] == 'I' && mp3[1] == 'D' && mp3[2] == '3';
        boolean frameSync = (mp3[0] & 0xff) == 0xff && (mp3[1] & 0xe0) == 0xe0;
        assertThat(id3 || frameSync).as("an MP3 stream").isTrue();

        byte[] pcm = speak(SpeechCreateParams.builder()
                .model("espeak").input("Rain is expected later today.").voice("nova")
                .responseFormat(SpeechCreateParams.ResponseFormat.PCM).speed(1.5).build());
        assertThat(pcm.length % 2).isZero();
        assertThat(pcm.length / 48_000.0).as("seconds of 24 kHz 16-bit audio").isBetween(0.5, 10.0);
    }

    @Test
    void shouldSurfaceValidationErrorsAsOpenAiErrors() {
        assertThatThrownBy(() -> speak(SpeechCreateParams.builder()
                .model(SpeechModel.TTS_1).input("Hello").voice("robot").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Unknown voice 'robot'");
                });
    }
}
