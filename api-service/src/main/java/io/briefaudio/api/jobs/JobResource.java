package io.briefaudio.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.api.episodes.AudioFormats;
import io.briefaudio.api.episodes.PodcastChapters;
import io.briefaudio.api.jobs.JobViews.GenerateRequest;
import io.briefaudio.api.jobs.JobViews.GenerateResponse;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The original design's job endpoints, under {@code /api/brief}. */
@Path("/api/brief")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    static final String ID = "{id: [0-9]{1,18}}";

    private final JobService jobs;
    private final AudioFormats formats;
    private final PodcastChapters chapters;
    private final ObjectMapper objectMapper;

    public JobResource(JobService jobs, AudioFormats formats, PodcastChapters chapters, ObjectMapper objectMapper) {
        this.jobs = jobs;
        this.formats = formats;
        this.chapters = chapters;
        this.objectMapper = objectMapper;
    }

    public static URI statusUri(long jobId) {
        return URI.create("/api/brief/audio/job/" + jobId + "/status");
    }

    @POST
    @Path("/{brief_id: [0-9]{1,18}}/audio/generate")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GenerateRequest.class)))
    @Operation(summary = "Queue audio generation for every item of a brief",
            description = "202 with a new job, or 200 with the brief's unfinished job for the same voice "
                    + "(or the job an earlier request with the same Idempotency-Key created).")
    public Response generate(@PathParam("brief_id") long briefId,
                             @HeaderParam("Idempotency-Key") String idempotencyKey,
                             @HeaderParam("Content-Type") MediaType contentType,
                             String body) throws JsonProcessingException {
        GenerateRequest request = optionalJson(contentType, body);
        var voice = JobService.voice(request == null ? null : request.voiceId());
        var format = formats.resolve(request == null ? null : request.format());
        var job = jobs.enqueue(briefId, voice, format, validIdempotencyKey(idempotencyKey));
        var response = new GenerateResponse(true, job.jobId(), job.status(), job.totalItems());
        return Response.status(job.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .location(statusUri(job.jobId()))
                .entity(response)
                .build();
    }

    @GET
    @Path("/audio/job/" + ID + "/status")
    @Operation(summary = "Status and progress of a job, with each item's state and audio")
    public JobStatusView status(@PathParam("id") long jobId) {
        return jobs.status(jobId);
    }

    @GET
    @Path("/audio/job/" + ID + "/chapters.json")
    @Produces({PodcastChapters.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "The chapters of the job's episode, in the Podcasting 2.0 JSON chapters format")
    public PodcastChapters.Document chapters(@PathParam("id") long jobId) {
        return chapters.forJob(jobId);
    }

    @POST
    @Path("/audio/job/" + ID + "/cancel")
    @Operation(summary = "Cancel an unfinished job")
    public JobStatusView cancel(@PathParam("id") long jobId) {
        jobs.cancel(jobId);
        return jobs.status(jobId);
    }

    @POST
    @Path("/audio/job/" + ID + "/retry")
    @Operation(summary = "Requeue the failed items of a failed job")
    public Response retry(@PathParam("id") long jobId) {
        return Response.accepted(jobs.retry(jobId)).location(statusUri(jobId)).build();
    }

    /** The body is optional (the voice defaults), so a bodiless POST without a Content-Type is fine. */
    private GenerateRequest optionalJson(MediaType contentType, String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType != null && !contentType.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new NotSupportedException("Send the body as application/json");
        }
        return objectMapper.readValue(body, GenerateRequest.class);
    }

    private static String validIdempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
            throw new ApiProblem(ProblemType.VALIDATION,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
