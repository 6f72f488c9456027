package io.briefaudio.api.briefs;

import io.briefaudio.api.briefs.BriefViews.BriefPage;
import io.briefaudio.api.briefs.BriefViews.BriefView;
import io.briefaudio.api.briefs.BriefViews.CreateBriefRequest;
import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.api.http.Links;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/briefs")
@Produces(MediaType.APPLICATION_JSON)
public class BriefResource {

    private final BriefService briefs;
    private final ApiConfig config;
    private final Links links;

    public BriefResource(BriefService briefs, ApiConfig config, Links links) {
        this.briefs = briefs;
        this.config = config;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a brief; with generate_audio it is queued for narration at once")
    public Response create(CreateBriefRequest request) {
        BriefView brief = briefs.create(request);
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, links.location(URI.create("/api/briefs/" + brief.id())))
                .entity(brief).build();
    }

    @GET
    @Path("/{id: [0-9]{1,18}}")
    @Operation(summary = "A brief with its items and each item's newest audio")
    public BriefView get(@PathParam("id") long id) {
        return briefs.get(id);
    }

    @DELETE
    @Path("/{id: [0-9]{1,18}}")
    @Operation(summary = "Delete a brief: its items, its jobs (unfinished ones are cancelled) and the audio no other brief uses")
    public Response delete(@PathParam("id") long id) {
        briefs.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "Briefs, newest first")
    public BriefPage list(@QueryParam("page") @DefaultValue("0") String page,
                          @QueryParam("size") @DefaultValue("20") String size) {
        int maxSize = config.briefs().maxPageSize();
        return briefs.list(intParam("page", page, 0, 1_000_000), intParam("size", size, 1, maxSize));
    }

    private static int intParam(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid("Query parameter '" + name + "' must be a whole number from " + min + " to " + max,
                List.of(new FieldError(name, "must be a whole number from " + min + " to " + max)));
    }
}
