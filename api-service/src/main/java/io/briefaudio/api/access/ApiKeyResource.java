package io.briefaudio.api.access;

import io.briefaudio.api.access.AccessViews.CreateKeyRequest;
import io.briefaudio.api.access.AccessViews.CreatedKey;
import io.briefaudio.api.access.AccessViews.KeyView;
import io.briefaudio.api.http.Links;
import io.briefaudio.api.problems.ApiProblem;
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

@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.ADMIN)
public class ApiKeyResource {

    private final ApiKeys keys;
    private final Caller caller;

    private final Links links;

    public ApiKeyResource(ApiKeys keys, Caller caller, Links links) {
        this.links = links;
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the answer is the only time the key is shown")
    public Response create(CreateKeyRequest request) {
        CreatedKey created = keys.create(request, caller);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION,
                links.location(URI.create("/api/keys/" + created.id()))).entity(created).build();
    }

    @GET
    @Path("/{id: [0-9]{1,18}}")
    @Operation(summary = "One API key (of the tenant, or any for an operator key), never its secret")
    public KeyView get(@PathParam("id") long id) {
        return keys.list(caller).stream().filter(key -> key.id() == id).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("API key", id));
    }

    @GET
    @Operation(summary = "The tenant's API keys (every tenant's for an operator key), never their secrets")
    public List<KeyView> list() {
        return keys.list(caller);
    }

    @DELETE
    @Path("/{id: [0-9]{1,18}}")
    @Operation(summary = "Revoke an API key, effective at once on every replica")
    public Response revoke(@PathParam("id") long id) {
        keys.revoke(id, caller);
        return Response.noContent().build();
    }
}
