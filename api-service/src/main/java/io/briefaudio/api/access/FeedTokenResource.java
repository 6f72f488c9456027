package io.briefaudio.api.access;

import io.briefaudio.api.access.AccessViews.CreateFeedTokenRequest;
import io.briefaudio.api.access.AccessViews.CreatedFeedToken;
import io.briefaudio.api.access.AccessViews.FeedTokenView;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Tokens for the tenant's private podcast feed URL, {@code /feeds/{token}/briefs.rss}. */
@Path("/api/feed-tokens")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.ADMIN)
public class FeedTokenResource {

    private final FeedTokens tokens;
    private final Caller caller;

    public FeedTokenResource(FeedTokens tokens, Caller caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a feed token; the answer is the only time the token and its feed URL are shown")
    public Response create(CreateFeedTokenRequest request) {
        String name = request == null || request.name() == null ? "podcast feed" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiProblem.invalid("Invalid feed token name", List.of(new FieldError("name", "must be 1 to 200 characters")));
        }
        CreatedFeedToken created = tokens.create(caller.tenantId(), name);
        return Response.created(URI.create("/api/feed-tokens/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "The tenant's feed tokens, never the tokens themselves")
    public List<FeedTokenView> list() {
        return tokens.list(caller.tenantId());
    }

    @DELETE
    @Path("/{id: [0-9]{1,18}}")
    @Operation(summary = "Revoke a feed token: its feed URL stops working at once")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(caller.tenantId(), id);
        return Response.noContent().build();
    }
}
