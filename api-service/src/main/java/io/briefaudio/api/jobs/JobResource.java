package io.briefaudio.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.api.episodes.AudioFormats;
import io.briefaudio.api.episodes.PodcastChapters;
import io.briefaudio.api.jobs.JobViews.GenerateRequest;
import io.briefaudio.api.jobs.JobViews.GenerateResponse;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.briefaudio.api.http.Links;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The original design's job endpoints, under {@code /api/brief}. */
@Path("/api/brief")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    static final String ID = "{id: [0-9]{1,18}}";

    private final JobService jobs;
    private final JobStatuses statuses;
    private final JobTransitions transitions;
    private final AudioFormats formats;
    private final PodcastChapters chapters;
    private final ObjectMapper objectMapper;
    private final Links links;

    public JobResource(JobService jobs, JobStatuses statuses, JobTransitions transitions, AudioFormats formats,
                       PodcastChapters chapters, ObjectMapper objectMapper, Links links) {
        this.jobs = jobs;
        this.statuses = statuses;
        this.transitions = transitions;
        this.formats = formats;
        this.chapters = chapters;
        this.objectMapper = objectMapper;
        this.links = links;
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
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING),
            description = "1 to 255 visible ASCII characters; a retry with the same key returns the same job")
    public Response generate(@PathParam("brief_id") long briefId,
                             @Context HttpHeaders headers,
                             @HeaderParam("Content-Type") String contentType,
                             String body) throws JsonProcessingException {
        GenerateRequest request = optionalJson(contentType, body);
        var routed = jobs.route(request == null ? null : request.voiceId(), request == null ? null : request.engine());
        var format = formats.resolve(request == null ? null : request.format());
        var job = jobs.enqueue(briefId, routed, format, validIdempotencyKey(headers.getRequestHeader("Idempotency-Key")));
        var response = new GenerateResponse(true, job.jobId(), job.status(), job.totalItems(), job.engine(), job.warnings());
        return Response.status(job.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .header(HttpHeaders.LOCATION, links.location(statusUri(job.jobId())))
                .entity(response)
                .build();
    }

    @GET
    @Path("/audio/job/" + ID + "/status")
    @Operation(summary = "Status and progress of a job, with each item's state and audio")
    public JobStatusView status(@PathParam("id") long jobId) {
        return statuses.status(jobId);
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
        transitions.cancel(jobId);
        return statuses.status(jobId);
    }

    @POST
    @Path("/audio/job/" + ID + "/retry")
    @Operation(summary = "Requeue the failed items of a failed job")
    public Response retry(@PathParam("id") long jobId) {
        return Response.accepted(transitions.retry(jobId)).header(HttpHeaders.LOCATION, links.location(statusUri(jobId))).build();
    }

    /** The body is optional (the voice defaults), so a bodiless POST without a Content-Type is fine. */
    private GenerateRequest optionalJson(String contentType, String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType != null && !isJson(contentType)) {
            throw new NotSupportedException("Send the body as application/json");
        }
        GenerateRequest request = objectMapper.readValue(body, GenerateRequest.class);
        if (request == null) {
            throw ApiProblem.invalid("The body must be a JSON object (or absent), not null",
                    List.of(new FieldError("(body)", "must be an object")));
        }
        return request;
    }

    private static boolean isJson(String contentType) {
        try {
            return MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE);
        } catch (IllegalArgumentException e) {
            return false; // not even a media type
        }
    }

    /** Absent is fine; present means 1 to 255 visible ASCII characters, once (an empty header is not absent). */
    private static String validIdempotencyKey(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String key = values.get(0);
        boolean valid = values.size() == 1 && key != null && !key.isEmpty() && key.length() <= 255
                && key.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e);
        if (!valid) {
            throw new ApiProblem(ProblemType.VALIDATION,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
