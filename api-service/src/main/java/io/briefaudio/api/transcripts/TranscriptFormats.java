package io.briefaudio.api.transcripts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.shared.transcripts.SpeechMark;
import java.util.List;

/** Captions and speech marks as files: WebVTT, SubRip, the Podcasting 2.0 JSON transcript, and Polly's JSON lines. */
public final class TranscriptFormats {

    static final String VTT = "text/vtt; charset=utf-8";
    static final String SRT = "application/x-subrip; charset=utf-8";
    /** What Polly answers speech marks with: one JSON object per line. */
    static final String MARKS = "application/x-json-stream";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Podcasting 2.0 JSON transcript; names are the format's own (camelCase). */
    public record Document(@JsonProperty("version") String version, @JsonProperty("segments") List<Segment> segments) {
    }

    /** One sentence, its times in seconds. */
    public record Segment(@JsonProperty("startTime") double startTime, @JsonProperty("endTime") double endTime,
                   @JsonProperty("body") String body) {
    }

    private TranscriptFormats() {
    }

    /** One cue per sentence, numbered; the text escaped so that no cue can end early or carry markup. */
    static String vtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            out.append('\n').append(i + 1).append('\n')
                    .append(time(cue.startMillis(), '.')).append(" --> ").append(time(cue.endMillis(), '.')).append('\n')
                    .append(cue.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append('\n');
        }
        return out.toString();
    }

    static String srt(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            out.append(i + 1).append('\n')
                    .append(time(cue.startMillis(), ',')).append(" --> ").append(time(cue.endMillis(), ',')).append('\n')
                    .append(cue.text()).append("\n\n");
        }
        return out.toString();
    }

    static Document json(List<Cue> cues) {
        return new Document("1.0.0", cues.stream()
                .map(c -> new Segment(c.startMillis() / 1000.0, c.endMillis() / 1000.0, c.text())).toList());
    }

    /** Polly's speech marks format: each mark as a JSON object on its own line. */
    static String jsonLines(List<SpeechMark> marks) {
        StringBuilder out = new StringBuilder();
        try {
            for (SpeechMark mark : marks) {
                out.append(JSON.writeValueAsString(mark)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** {@code hh:mm:ss.mmm} (WebVTT) or {@code hh:mm:ss,mmm} (SubRip). */
    static String time(long millis, char decimal) {
        return "%02d:%02d:%02d%c%03d".formatted(millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, decimal,
                millis % 1000);
    }
}
