package io.briefaudio.api.transcripts;

import io.briefaudio.api.access.AudioLinks;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * URLs of a job's transcript ({@code transcript.vtt}, {@code .json}, {@code .srt}) and of its items' speech marks,
 * signed like audio links when auth is on ({@link AudioLinks#resourceUrl}). One signature covers the three transcript
 * formats: a client swaps the extension of {@code transcript_url} and keeps {@code exp} and {@code sig}.
 */
@ApplicationScoped
public class TranscriptLinks {

    public static final String VTT = "vtt";
    public static final String JSON = "json";
    public static final String SRT = "srt";

    private final AudioLinks links;

    public TranscriptLinks(AudioLinks links) {
        this.links = links;
    }

    public static String transcriptPath(long jobId, String extension) {
        return "/api/brief/audio/job/" + jobId + "/transcript." + extension;
    }

    public static String marksPath(long jobId, int position) {
        return "/api/brief/audio/job/" + jobId + "/items/" + position + "/marks.jsonl";
    }

    /** The episode's WebVTT captions, as status and brief responses give them. */
    public String transcriptUrl(long jobId) {
        return links.resourceUrl(transcriptPath(jobId, VTT), transcriptSubject(jobId));
    }

    /** A transcript link for a podcast feed (always signed, the feed lifetime). */
    public String feedTranscriptUrl(long jobId, String extension) {
        return links.feedResourceUrl(transcriptPath(jobId, extension), transcriptSubject(jobId));
    }

    public String marksUrl(long jobId, int position) {
        return links.resourceUrl(marksPath(jobId, position), marksSubject(jobId, position));
    }

    boolean verifyTranscript(long jobId, String exp, String sig) {
        return links.verifyResource(transcriptSubject(jobId), exp, sig);
    }

    boolean verifyMarks(long jobId, int position, String exp, String sig) {
        return links.verifyResource(marksSubject(jobId, position), exp, sig);
    }

    private static String transcriptSubject(long jobId) {
        return "transcript:job:" + jobId;
    }

    private static String marksSubject(long jobId, int position) {
        return "marks:job:" + jobId + ":item:" + position;
    }
}
