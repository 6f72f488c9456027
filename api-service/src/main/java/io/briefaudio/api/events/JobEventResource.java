package io.briefaudio.api.events;

import io.briefaudio.api.jobs.JobStatuses;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A job's live events as server-sent events. */
@Path("/api/brief")
public class JobEventResource {

    private final JobStatuses jobs;
    private final JobEventHub hub;

    public JobEventResource(JobStatuses jobs, JobEventHub hub) {
        this.jobs = jobs;
        this.hub = hub;
    }

    @GET
    @Path("/audio/job/{id: [0-9]{1,18}}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Live events of a job (text/event-stream)",
            description = "Without Last-Event-ID: the job's current state first (event `progress`, or its final "
                    + "event), then an event on every change: `progress`, `item` (with `item.audio_url`), and a final "
                    + "`completed`, `failed` or `cancelled` after which the stream closes. Each event's id is the "
                    + "job's event sequence number; reconnecting with Last-Event-ID replays every later event. "
                    + "`data` is the job's status JSON as GET …/status returns it. A `: heartbeat` comment every 15 s.")
    public Multi<OutboundSseEvent> events(@PathParam("id") long jobId,
                                          @Parameter(description = "id of the last event received, to resume")
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Context Sse sse) {
        Long resumeAfter = parseLastEventId(lastEventId);
        jobs.requireExists(jobId); // 404 problem+json for an unknown job, before the stream starts
        return hub.subscribe(jobId, resumeAfter).map(event -> event.isHeartbeat()
                ? sse.newEventBuilder().comment("heartbeat").build()
                : sse.newEventBuilder().id(Long.toString(event.id())).name(event.type())
                        .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, event.data()).build());
    }

    private static Long parseLastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ApiProblem(ProblemType.VALIDATION, "Last-Event-ID must be an event id this stream sent (a number)");
    }
}
