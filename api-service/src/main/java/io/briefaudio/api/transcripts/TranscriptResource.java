package io.briefaudio.api.transcripts;

import io.briefaudio.api.access.PublicEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A job's transcripts and speech marks. With auth on, a key with {@code read} of the job's tenant, or the signed
 * {@code transcript_url} / {@code marks_url} of the job's status (for players, track elements and podcast apps).
 */
@Path("/api/brief")
@PublicEndpoint(signedLink = true)
public class TranscriptResource {

    private static final String JOB = "/audio/job/{id: [0-9]{1,18}}";

    private final Transcripts transcripts;

    public TranscriptResource(Transcripts transcripts) {
        this.transcripts = transcripts;
    }

    @GET
    @Path(JOB + "/items/{position: [0-9]{1,9}}/marks.jsonl")
    @Produces(TranscriptFormats.MARKS)
    @Operation(summary = "Speech marks of one item (Amazon Polly's JSON lines)",
            description = "One object per line, in the order heard: {\"time\": ms, \"type\": \"sentence\"|\"word\"|\"ssml\", "
                    + "\"start\", \"end\", \"value\"}; start and end are UTF-16 offsets into the item's text as written, "
                    + "time the offset into the item's audio. 404 for an unknown position, 409 not-ready until the item's "
                    + "audio is ready.")
    public String marks(@PathParam("id") long jobId, @PathParam("position") int position,
                        @QueryParam("exp") String exp, @QueryParam("sig") String sig) {
        return TranscriptFormats.jsonLines(transcripts.itemMarks(jobId, position, exp, sig));
    }

    @GET
    @Path(JOB + "/transcript.vtt")
    @Produces(TranscriptFormats.VTT)
    @Operation(summary = "The episode's captions as WebVTT, one cue per sentence; 409 not-ready until it is assembled")
    public String vtt(@PathParam("id") long jobId, @QueryParam("exp") String exp, @QueryParam("sig") String sig) {
        return TranscriptFormats.vtt(transcripts.episodeCues(jobId, exp, sig));
    }

    @GET
    @Path(JOB + "/transcript.srt")
    @Produces(TranscriptFormats.SRT)
    @Operation(summary = "The episode's captions as SubRip, one cue per sentence; 409 not-ready until it is assembled")
    public String srt(@PathParam("id") long jobId, @QueryParam("exp") String exp, @QueryParam("sig") String sig) {
        return TranscriptFormats.srt(transcripts.episodeCues(jobId, exp, sig));
    }

    @GET
    @Path(JOB + "/transcript.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The episode's transcript in the Podcasting 2.0 JSON format (version, segments of startTime, "
            + "endTime and body in seconds); 409 not-ready until it is assembled")
    public TranscriptFormats.Document json(@PathParam("id") long jobId, @QueryParam("exp") String exp,
                                           @QueryParam("sig") String sig) {
        return TranscriptFormats.json(transcripts.episodeCues(jobId, exp, sig));
    }
}
