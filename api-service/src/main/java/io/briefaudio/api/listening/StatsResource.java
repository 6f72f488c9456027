package io.briefaudio.api.listening;

import io.briefaudio.api.listening.ListeningStats.BriefStatsView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/briefs/{id}/stats}: who listened to a brief, counted as podcast hosts count (docs/listening.md). */
@Path("/api/briefs/{id: [0-9]{1,18}}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final ListeningStats stats;

    public StatsResource(ListeningStats stats) {
        this.stats = stats;
    }

    @GET
    @Operation(summary = "Downloads, unique listeners and feed downloads per item and for the episode, by day for the last 30 days")
    public BriefStatsView get(@PathParam("id") long id) {
        return stats.forBrief(id);
    }
}
