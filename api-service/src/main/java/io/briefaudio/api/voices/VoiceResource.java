package io.briefaudio.api.voices;

import io.briefaudio.api.http.Links;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.voices.VoicePreset;
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
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Presets and custom voices (docs/api.md, "Voices"). */
@Path("/api/voices")
@Produces(MediaType.APPLICATION_JSON)
public class VoiceResource {

    private final VoiceService voices;

    private final Links links;

    public VoiceResource(VoiceService voices, Links links) {
        this.links = links;
        this.voices = voices;
    }

    @GET
    public List<VoiceView> list() {
        return voices.list();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response create(@RestForm String name, @RestForm String description, @RestForm String language,
                           @RestForm String consent, @RestForm("base_preset") String basePreset,
                           @RestForm FileUpload clip) throws IOException {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            errors.add(new ApiProblem.FieldError("name", "required, 1 to 100 characters"));
        }
        if (description != null && description.length() > 500) {
            errors.add(new ApiProblem.FieldError("description", "at most 500 characters"));
        }
        String base = basePreset == null || basePreset.isBlank() ? VoicePreset.DEFAULT.id() : basePreset;
        if (VoicePreset.byId(base).isEmpty()) {
            errors.add(new ApiProblem.FieldError("base_preset", "must be one of " + VoicePreset.ids()));
        }
        if (clip == null || clip.uploadedFile() == null) {
            errors.add(new ApiProblem.FieldError("clip", "required: the reference recording"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The voice cannot be created", errors);
        }
        String lang = language == null || language.isBlank() ? null : language.strip();
        VoiceService.checkLanguage(lang);
        if (!"true".equalsIgnoreCase(consent == null ? "" : consent.strip()) && !"on".equalsIgnoreCase(consent)) {
            throw new ApiProblem(ProblemType.CONSENT_REQUIRED, "Set consent=true to affirm that the speaker in the clip "
                    + "agreed to having their voice cloned");
        }
        byte[] bytes = Files.readAllBytes(clip.uploadedFile());
        VoiceView created = voices.create(new VoiceService.NewVoice(trimmed,
                description == null || description.isBlank() ? null : description.strip(), lang, base, bytes));
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION,
                links.location(URI.create("/api/voices/" + created.id()))).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public VoiceView get(@PathParam("id") String id) {
        return voices.list().stream().filter(voice -> voice.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Voice", id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        voices.delete(id);
        return Response.noContent().build();
    }
}
