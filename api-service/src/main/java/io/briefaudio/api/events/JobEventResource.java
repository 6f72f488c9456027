package io.briefaudio.api.events;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.AuthConfig;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.access.PublicEndpoint;
import io.briefaudio.api.jobs.JobStatuses;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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
    private final Caller caller;
    private final AudioLinks links;
    private final AuthConfig auth;

    public JobEventResource(JobStatuses jobs, JobEventHub hub, Caller caller, AudioLinks links, AuthConfig auth) {
        this.jobs = jobs;
        this.hub = hub;
        this.caller = caller;
        this.links = links;
        this.auth = auth;
    }

    @GET
    @Path("/audio/job/{id: [0-9]{1,18}}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @PublicEndpoint(signedLink = true)
    @Operation(summary = "Live events of a job (text/event-stream)",
            description = "Without Last-Event-ID: the job's current state first (event `progress`, or its final "
                    + "event), then an event on every change: `progress`, `item` (with `item.audio_url`), and a final "
                    + "`completed`, `failed` or `cancelled` after which the stream closes. Each event's id is the "
                    + "job's event sequence number; reconnecting with Last-Event-ID replays every later event. "
                    + "`data` is the job's status JSON as GET …/status returns it; on `completed` and `failed`, "
                    + "`episode_follows` says whether an `episode.completed` or `episode.failed` event follows (the job's "
                    + "episode is being assembled), and the stream then stays open for it. A `: heartbeat` comment "
                    + "every 15 s. With auth on, a key with `read`, or the signed `events_url` of the job's status "
                    + "(for EventSource, which cannot send a key): 403 when its signature does not match or it expired.")
    public Multi<OutboundSseEvent> events(@PathParam("id") long jobId,
                                          @Parameter(description = "id of the last event received, to resume")
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @QueryParam("exp") String exp, @QueryParam("sig") String sig,
                                          @Context Sse sse) {
        Long resumeAfter = parseLastEventId(lastEventId);
        // 404 problem+json for an unknown job (or another tenant's), 403 for a bad link, before the stream starts.
        if (!auth.enabled() || caller.identified()) {
            jobs.requireExists(jobId);
        } else if (links.verifyEvents(jobId, exp, sig)) {
            jobs.requireExistsForLink(jobId);
        } else {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The events link is expired or its signature does not match");
        }
        return hub.subscribe(jobId, resumeAfter).map(event -> event.isHeartbeat()
                ? sse.newEventBuilder().comment("heartbeat").build()
                // No media type: it would go on the wire as a "content-type" line no browser reads.
                : sse.newEventBuilder().id(Long.toString(event.id())).name(event.type())
                        .data(String.class, event.data()).build());
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
