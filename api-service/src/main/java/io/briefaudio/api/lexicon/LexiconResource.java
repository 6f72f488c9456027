package io.briefaudio.api.lexicon;

import io.briefaudio.api.http.Links;
import io.briefaudio.api.lexicon.LexiconViews.CreateEntryRequest;
import io.briefaudio.api.lexicon.LexiconViews.EntryPage;
import io.briefaudio.api.lexicon.LexiconViews.EntryView;
import io.briefaudio.api.lexicon.LexiconViews.ImportResult;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.shared.pronunciation.Pls;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The caller's pronunciation lexicon. Listing needs the {@code read} scope, changing it {@code generate} (the
 * access filter's rule for GET and for every other method).
 */
@Path("/api/lexicon")
public class LexiconResource {

    private static final MediaType PLS = MediaType.valueOf(Pls.MEDIA_TYPE);

    private final LexiconService lexicon;
    private final LexiconTransfer transfer;
    private final LexiconConfig config;
    private final Links links;

    public LexiconResource(LexiconService lexicon, LexiconTransfer transfer, LexiconConfig config, Links links) {
        this.lexicon = lexicon;
        this.transfer = transfer;
        this.config = config;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a pronunciation",
            description = "grapheme (the written word), alias (text to say instead) and/or phoneme {alphabet: ipa, ph}, "
                    + "case_sensitive (default false), language (default any). 201 with the entry; 409 when the word "
                    + "already has an entry in that language; 413 past briefaudio.lexicon.max-entries.")
    public Response create(CreateEntryRequest request) {
        EntryView entry = lexicon.create(request);
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, links.location(URI.create("/api/lexicon/" + entry.id())))
                .entity(entry).build();
    }

    @POST
    @Consumes(Pls.MEDIA_TYPE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a W3C PLS 1.0 lexicon",
            description = "Adds every <lexeme>'s graphemes with its <alias> and IPA <phoneme>; a word the lexicon "
                    + "already has gets the document's pronunciation. 200 {added, replaced}. All or nothing.")
    public ImportResult importPls(byte[] document) {
        return transfer.importPls(document);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Pls.MEDIA_TYPE})
    @Operation(summary = "The lexicon's entries, oldest first, paged; with Accept: application/pls+xml the whole "
            + "lexicon as a W3C PLS 1.0 document")
    public Response list(@QueryParam("page") @DefaultValue("0") String page,
                         @QueryParam("size") @DefaultValue("100") String size, @Context HttpHeaders headers) {
        if (wantsPls(headers)) {
            return Response.ok(transfer.exportPls(), Pls.MEDIA_TYPE + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"lexicon.pls\"").build();
        }
        EntryPage entries = lexicon.list(intParam("page", page, 0, 1_000_000),
                intParam("size", size, 1, config.maxPageSize()));
        return Response.ok(entries, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** PLS when the client prefers it to JSON; a wildcard or no Accept gets JSON. */
    private static boolean wantsPls(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.isCompatible(PLS)) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    @DELETE
    @Path("/{id: [0-9]{1,18}}")
    @Operation(summary = "Remove a pronunciation; later narrations no longer use it")
    public Response delete(@PathParam("id") long id) {
        lexicon.delete(id);
        return Response.noContent().build();
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
        throw ApiProblem.invalid(name + " must be a whole number from " + min + " to " + max,
                List.of(new FieldError(name, "must be a whole number from " + min + " to " + max)));
    }
}
