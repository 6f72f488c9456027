package io.briefaudio.bench;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * eSpeak NG narration speed through the worker's narration path (text preparation, chunks, eSpeak NG, joins,
 * loudness, WAV): the 5-item news brief of the XTTS benchmark, one item slot, with the quality gate off and on in the
 * same run ({@link QualityOnOff}). {@code --quality off|on} narrates with only that setting.
 */
public final class EspeakBenchmark {

    public static void main(String[] args) throws Exception {
        String quality = "both";
        int rounds = 5;
        Path json = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--quality" -> quality = args[i + 1];
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--json" -> json = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String all = new String(EspeakBenchmark.class.getResourceAsStream("/xtts-brief.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        List<String> items = List.of(all.strip().split("\\n\\s*\\n"));
        EspeakEngine engine = new EspeakEngine("espeak-ng", Duration.ofSeconds(30));
        QualityOnOff.Work brief = narrator -> {
            List<NarratedAudio> out = new ArrayList<>();
            for (String item : items) {
                out.add(narrator.narrate(narrator.prepare(item, "en"), VoicePreset.PROFESSIONAL, "en"));
            }
            return out;
        };
        if (!quality.equals("both")) {
            boolean on = switch (quality) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("--quality is on, off or both, not " + quality);
            };
            System.out.printf(Locale.ROOT, "brief with the quality gate %s: %.3f s (median of %d)%n", quality,
                    QualityOnOff.medianWall(QualityOnOff.narrator(engine, on), rounds, brief), rounds);
            return;
        }
        io.briefaudio.worker.tts.Narrator plain = new io.briefaudio.worker.tts.Narrator(engine);
        long audioMillis = 0;
        for (NarratedAudio audio : brief.run(plain)) {
            audioMillis += audio.durationMillis();
        }
        long letters = items.stream().map(item -> plain.prepare(item, "en"))
                .mapToLong(text -> text.codePoints().filter(Character::isLetterOrDigit).count()).sum();
        // Pauses between sentences included: the speaking rate itself is a little higher.
        System.out.printf(Locale.ROOT, "eSpeak NG brief: %d items, %.1f s of audio, %.1f letters and digits a second%n",
                items.size(), audioMillis / 1000.0, letters / (audioMillis / 1000.0));
        QualityOnOff.Result result = QualityOnOff.measure(engine, rounds, brief);
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"items\": %d, \"audio_s\": %.1f, \"quality\": %s}%n",
                    items.size(), audioMillis / 1000.0, result.json()));
            System.out.println("wrote " + json);
        }
    }
}
