package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.Pcm;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class XttsPresetsTest {

    private static XttsPresets.Override override(String speaker, double temperature, double speed) {
        return new XttsPresets.Override(Optional.ofNullable(speaker), OptionalDouble.of(temperature), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(speed));
    }

    @Test
    void shouldApplyConfiguredOverridesAndKeepTheRest() {
        var defaults = XttsPresets.defaults(new XttsManifest.SamplingDefaults(0.75, 50, 0.85, 5.0));
        var presets = XttsPresets.withOverrides(defaults, Map.of("calm", override("Damien Black", 0.5, 0.8)));

        assertThat(presets.get(VoicePreset.CALM).speaker()).isEqualTo("Damien Black");
        assertThat(presets.get(VoicePreset.CALM).sampling().temperature()).isEqualTo(0.5);
        assertThat(presets.get(VoicePreset.CALM).sampling().topK()).isEqualTo(50);
        assertThat(presets.get(VoicePreset.CALM).speed()).isEqualTo(0.8);
        assertThat(presets.get(VoicePreset.WARM)).isEqualTo(defaults.get(VoicePreset.WARM));
    }

    @Test
    void shouldRefuseAnUnknownPresetId() {
        var defaults = XttsPresets.defaults(new XttsManifest.SamplingDefaults(0.75, 50, 0.85, 5.0));
        assertThatThrownBy(() -> XttsPresets.withOverrides(defaults, Map.of("robot", override(null, 0.5, 1))))
                .hasMessageContaining("briefaudio.tts.xtts.presets.robot").hasMessageContaining("professional");
    }

    @Test
    void shouldRefuseAtLoadASpeakerTheModelLacks() {
        assertThatThrownBy(() -> XttsEngine.load(TinyFixture.dir(), 1, Map.of("warm", override("Nobody Here", 0.7, 1))))
                .isInstanceOf(IOException.class).hasMessageContaining("Nobody Here");
    }

    @Test
    void shouldChangeAudioAndCacheIdentityWithTheOverride() throws Exception {
        try (XttsEngine plain = XttsEngine.load(TinyFixture.dir(), 1);
             XttsEngine slower = XttsEngine.load(TinyFixture.dir(), 1, Map.of("warm", override(null, 0.75, 0.5)))) {
            assertThat(slower.modelVersion()).isNotEqualTo(plain.modelVersion());
            Pcm normal = plain.synthesize("hello there", VoicePreset.PROFESSIONAL, "en");
            assertThat(slower.synthesize("hello there", VoicePreset.PROFESSIONAL, "en").samples())
                    .as("other presets are unchanged").containsExactly(normal.samples());
            Pcm warm = plain.synthesize("hello there", VoicePreset.WARM, "en");
            Pcm warmSlow = slower.synthesize("hello there", VoicePreset.WARM, "en");
            assertThat(warmSlow.samples().length).isGreaterThan(warm.samples().length);
        }
    }
}
