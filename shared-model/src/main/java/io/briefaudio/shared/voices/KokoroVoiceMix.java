package io.briefaudio.shared.voices;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kokoro voice as a request names it: {@code kokoro:af_bella}, an even mix {@code kokoro:af_bella+af_sky},
 * or a weighted one {@code kokoro:af_bella(2)+af_sky(1)}. A mix speaks with the element-wise weighted mean of
 * its parts' style packs. The first part decides the voice's language; later parts only lend their timbre,
 * so they may come from any Kokoro language. Parsed by the API when a job is enqueued and by the worker.
 */
public record KokoroVoiceMix(List<Part> parts) {

    public static final String PREFIX = "kokoro:";
    /** Each part loads a 510×256 pack; more than a few parts makes no audible difference. */
    public static final int MAX_PARTS = 8;

    /** Names become file names ({@code voices/NAME.bin}), so no dots and no slashes. */
    private static final Pattern PART = Pattern.compile(
            "([A-Za-z0-9_-]{1,64})(?:\\((\\d{1,6}(?:\\.\\d{1,6})?|\\.\\d{1,6})\\))?");

    /** One voice of a mix and its weight (1 when none is written). */
    public record Part(String name, double weight) {
    }

    public KokoroVoiceMix {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a voice mix needs at least one part");
        }
    }

    public static boolean isKokoroVoice(String voiceId) {
        return voiceId != null && voiceId.startsWith(PREFIX);
    }

    /**
     * @throws VoiceMixException            naming the part that is not a well-formed voice name and weight
     * @throws UnsupportedLanguageException when the first part is a Japanese or Chinese voice
     */
    public static KokoroVoiceMix parse(String voiceId) {
        if (!isKokoroVoice(voiceId)) {
            throw new VoiceMixException(String.valueOf(voiceId), String.valueOf(voiceId),
                    "is not a Kokoro voice (kokoro:NAME)");
        }
        String[] written = voiceId.substring(PREFIX.length()).split("\\+", -1);
        if (written.length > MAX_PARTS) {
            throw new VoiceMixException(voiceId, written[MAX_PARTS].strip(),
                    "is one part too many: a mix has at most " + MAX_PARTS);
        }
        List<Part> parts = new ArrayList<>();
        for (String text : written) {
            parts.add(part(voiceId, text.strip()));
        }
        KokoroVoiceMix mix = new KokoroVoiceMix(parts);
        // A Japanese or Chinese voice first is a language we cannot speak, not a voice we do not know.
        mix.language();
        return mix;
    }

    private static Part part(String voiceId, String text) {
        if (text.isEmpty()) {
            throw new VoiceMixException(voiceId, text, "is empty: write kokoro:NAME or kokoro:NAME(2)+NAME(1)");
        }
        Matcher m = PART.matcher(text);
        if (!m.matches()) {
            throw new VoiceMixException(voiceId, text, "is not a voice name with an optional positive weight, "
                    + "like af_bella or af_bella(2)");
        }
        double weight = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
        if (weight <= 0) {
            throw new VoiceMixException(voiceId, text, "has a weight of zero; weights must be positive");
        }
        if (!KokoroLanguage.isVoiceLetter(m.group(1).charAt(0))) {
            throw new VoiceMixException(voiceId, text, "is not a Kokoro voice: names start with a language letter "
                    + "(a, b, e, f, h, i, p; j and z exist but are not spoken here)");
        }
        return new Part(m.group(1), weight);
    }

    /** The language the voice speaks: its first part's. */
    public KokoroLanguage language() {
        return KokoroLanguage.ofVoice(parts.get(0).name());
    }

    public boolean isSingleVoice() {
        return parts.size() == 1;
    }

    /** The names of the voices to load, in order, once each. */
    public List<String> voiceNames() {
        return parts.stream().map(Part::name).distinct().toList();
    }

    /** Each part's share of the mix, summing to 1. */
    public double[] shares() {
        double total = parts.stream().mapToDouble(Part::weight).sum();
        return parts.stream().mapToDouble(p -> p.weight() / total).toArray();
    }

    /**
     * @throws VoiceMixException naming the first part that is not among the available voices
     */
    public void requireAvailable(Collection<String> availableVoices) {
        for (Part part : parts) {
            if (!availableVoices.contains(part.name())) {
                throw new VoiceMixException(id(), part.name(), "is not a voice of the Kokoro model");
            }
        }
    }

    /**
     * The voice as one canonical id: weights only when they differ, written without trailing zeros. Equal ids
     * speak with equal styles, so this is what goes into cache keys.
     */
    public String id() {
        boolean even = parts.stream().mapToDouble(Part::weight).distinct().count() == 1;
        StringBuilder out = new StringBuilder(PREFIX);
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == 0 ? "" : "+").append(parts.get(i).name());
            if (!even) {
                out.append('(').append(BigDecimal.valueOf(parts.get(i).weight()).stripTrailingZeros().toPlainString())
                        .append(')');
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return id();
    }
}
