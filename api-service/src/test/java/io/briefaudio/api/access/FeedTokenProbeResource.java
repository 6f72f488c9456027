package io.briefaudio.api.access;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only: an endpoint declared the way the podcast feed declares its private URL, answering the tenant
 * the feed token selected.
 */
@Path("/test-feeds/{token}/tenant")
public class FeedTokenProbeResource {

    private final Caller caller;

    public FeedTokenProbeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @PublicEndpoint(feedToken = true)
    public String tenant(@PathParam("token") String token) {
        return Long.toString(caller.tenantId());
    }
}
