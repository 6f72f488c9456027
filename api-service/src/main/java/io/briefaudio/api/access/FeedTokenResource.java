package io.briefaudio.api.access;

import io.briefaudio.api.access.AccessViews.CreateFeedTokenRequest;
import io.briefaudio.api.access.AccessViews.CreatedFeedToken;
import io.briefaudio.api.access.AccessViews.FeedTokenView;
import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.api.http.Links;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
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

    private final Links links;
    private final boolean absoluteFeedUrls;
    private final boolean authEnabled;

    public FeedTokenResource(FeedTokens tokens, Caller caller, Links links, ApiConfig config, AuthConfig auth) {
        this.links = links;
        this.absoluteFeedUrls = config.http().publicBaseUrl().isPresent();
        this.authEnabled = auth.enabled();
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
        if (!absoluteFeedUrls && authEnabled) {
            // A podcast app needs an absolute feed URL, and the Host header is the client's to choose.
            throw new ApiProblem(ProblemType.PUBLIC_BASE_URL_REQUIRED, "Feed tokens are minted only once "
                    + "briefaudio.http.public-base-url is set (the URL podcast apps reach this service under): the feed "
                    + "URL given with a token must be absolute");
        }
        CreatedFeedToken minted = tokens.create(caller.tenantId(), name);
        CreatedFeedToken created = new CreatedFeedToken(minted.id(), minted.name(), minted.token(),
                links.location(URI.create(minted.feedUrl())), minted.createdAt());
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION,
                links.location(URI.create("/api/feed-tokens/" + created.id()))).entity(created).build();
    }

    @GET
    @Path("/{id: [0-9]{1,18}}")
    @Operation(summary = "One of the tenant's feed tokens, never the token itself")
    public FeedTokenView get(@PathParam("id") long id) {
        return tokens.list(caller.tenantId()).stream().filter(token -> token.id() == id).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Feed token", id));
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
