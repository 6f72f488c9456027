package io.briefaudio.api.webhooks;

import io.briefaudio.api.http.Links;
import io.briefaudio.api.webhooks.WebhookViews.CreateWebhookRequest;
import io.briefaudio.api.webhooks.WebhookViews.CreatedWebhook;
import io.briefaudio.api.webhooks.WebhookViews.DeliveryPage;
import io.briefaudio.api.webhooks.WebhookViews.WebhookView;
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

/** Webhook subscriptions: signed POSTs (Standard Webhooks) when jobs or items finish. */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final String ID = "{id: [0-9]{1,18}}";

    private final WebhookService webhooks;

    private final Links links;

    public WebhookResource(WebhookService webhooks, Links links) {
        this.links = links;
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook",
            description = "201 with the webhook's id and its signing secret (`whsec_` + base64), shown only here. "
                    + "events: any of job.completed, job.failed, item.completed, episode.completed, episode.failed.")
    public Response create(CreateWebhookRequest request) {
        CreatedWebhook created = webhooks.create(request);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION,
                links.location(URI.create("/api/webhooks/" + created.id()))).entity(created).build();
    }

    @GET
    @Operation(summary = "List webhooks (without their secrets)")
    public List<WebhookView> list() {
        return webhooks.list();
    }

    @GET
    @Path(ID)
    @Operation(summary = "One webhook (without its secret)")
    public WebhookView get(@PathParam("id") long id) {
        return webhooks.find(id);
    }

    @DELETE
    @Path(ID)
    @Operation(summary = "Remove a webhook; messages not yet delivered are dropped")
    public Response delete(@PathParam("id") long id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path(ID + "/deliveries")
    @Operation(summary = "The webhook's 50 most recent messages: status, attempts, response codes, next retry")
    public DeliveryPage deliveries(@PathParam("id") long id) {
        return new DeliveryPage(webhooks.deliveries(id));
    }
}
