package io.briefaudio.worker.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.pronunciation.LexiconEntry;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.AudioProbe;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import io.briefaudio.worker.tts.text.Lexicon;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lexicon entries and SSML change what the real eSpeak NG says, measured on the audio. */
class PronunciationTest {

    private static Narrator narrator;

    @BeforeAll
    static void loadEngine() {
        narrator = new Narrator(new EspeakEngine("espeak-ng", Duration.ofSeconds(30)));
    }

    private static byte[] speak(String text, LexiconEntry... entries) throws Exception {
        Narrator.Prepared prepared = narrator.prepare(text, "en", new Lexicon(List.of(entries)));
        return narrator.narrate(prepared.text(), VoicePreset.PROFESSIONAL, "en").wav();
    }

    @Test
    void shouldSpeakAnAliasExactlyAsTheAliasText() throws Exception {
        LexiconEntry alias = LexiconEntry.of("NATO", "North Atlantic Treaty Organization", null, false, null);
        byte[] plain = speak("NATO leaders met today.");
        byte[] withAlias = speak("NATO leaders met today.", alias);
        assertThat(withAlias).isNotEqualTo(plain);
        assertThat(withAlias).isEqualTo(speak("North Atlantic Treaty Organization leaders met today."));
    }

    @Test
    void shouldSpeakEnglishIpaAsEspeakPhonemes() throws Exception {
        LexiconEntry ipa = LexiconEntry.of("Nguyen", null, "ˈwɪn", false, null);
        Narrator.Prepared prepared = narrator.prepare("Mr Nguyen spoke.", "en", new Lexicon(List.of(ipa)));
        assertThat(prepared.warnings()).isEmpty();
        assertThat(prepared.text()).contains("{ph:");
        assertThat(speak("Mr Nguyen spoke.", ipa)).isNotEqualTo(speak("Mr Nguyen spoke."))
                .isEqualTo(speak("Mr win spoke."));
    }

    @Test
    void shouldFallBackToTheAliasOrWarnWhenIpaCannotBeConverted() throws Exception {
        LexiconEntry withAlias = LexiconEntry.of("Nguyen", "win", "ŋwiən", false, null);
        LexiconEntry onlyIpa = LexiconEntry.of("Nguyen", null, "ŋʷiəŋ˧˥", false, null);
        Narrator.Prepared aliased = narrator.prepare("Nguyen spoke.", "fr", new Lexicon(List.of(withAlias)));
        assertThat(aliased.text()).isEqualTo("win spoke.");
        assertThat(aliased.warnings()).isEmpty();
        Narrator.Prepared written = narrator.prepare("Nguyen spoke.", "en", new Lexicon(List.of(onlyIpa)));
        assertThat(written.text()).isEqualTo("Nguyen spoke.");
        assertThat(written.warnings()).singleElement().asString().contains("Nguyen").contains("espeak-ng");
    }

    @Test
    void shouldAddTheRequestedSilenceForABreak() throws Exception {
        for (int millis : List.of(2000, 700)) {
            Pcm pcm = WavDecoder.decode(speak("<speak>Good morning <break time=\"" + millis + "ms\"/> and welcome.</speak>"));
            List<int[]> pauses = AudioProbe.silentRuns(pcm.samples(), pcm.sampleRate() / 10);
            assertThat(pauses).as("one silence, the break").hasSize(1);
            double measured = (pauses.get(0)[1] - pauses.get(0)[0]) * 1000.0 / pcm.sampleRate();
            assertThat(measured).as("break of " + millis + " ms").isBetween(millis - 20.0, millis + 20.0);
        }
        long without = narrator.narrate(narrator.prepare("Good morning and welcome.", "en"), VoicePreset.PROFESSIONAL, "en")
                .durationMillis();
        long with = narrator.narrate(narrator.prepare("<speak>Good morning <break time=\"2s\"/> and welcome.</speak>", "en"),
                VoicePreset.PROFESSIONAL, "en").durationMillis();
        assertThat(with - without).isBetween(1800L, 2300L);
    }

    @Test
    void shouldSpellCharactersAndSubstituteAliases() throws Exception {
        assertThat(speak("<speak><say-as interpret-as=\"characters\">NATO</say-as></speak>"))
                .isNotEqualTo(speak("NATO")).isEqualTo(speak("N, A, T, O"));
        assertThat(speak("<speak><sub alias=\"North Atlantic Treaty Organization\">NATO</sub> met.</speak>"))
                .isEqualTo(speak("North Atlantic Treaty Organization met."));
    }

    @Test
    void shouldSwitchLanguageMidItem() throws Exception {
        byte[] switched = speak("<speak>He said <lang xml:lang=\"fr\">bonjour</lang>.</speak>");
        assertThat(switched).isNotEqualTo(speak("He said bonjour."));
    }
}
