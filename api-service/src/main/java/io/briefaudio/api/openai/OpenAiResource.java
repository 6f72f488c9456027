package io.briefaudio.api.openai;

import io.briefaudio.api.events.JobEvent;
import io.briefaudio.api.events.JobEventHub;
import io.briefaudio.api.openai.OpenAiCatalog.Model;
import io.briefaudio.api.openai.OpenAiCatalog.ModelList;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** OpenAI-compatible speech: existing OpenAI SDKs and tools point their base URL at {@code …/v1}. */
@Path("/v1")
@Tag(name = "OpenAI-compatible")
public class OpenAiResource {

    /** The request body as OpenAI documents it (for the OpenAPI document; parsed by {@link SpeechRequest}). */
    @Schema(name = "SpeechCreateRequest")
    public record SpeechBody(String model, String input, String voice,
                             @Schema(defaultValue = "mp3", enumeration = {"mp3", "opus", "aac", "flac", "wav", "pcm"})
                             String responseFormat,
                             @Schema(defaultValue = "1.0", minimum = "0.25", maximum = "4.0") Double speed) {
    }

    private final SpeechService speech;
    private final SpeechTranscoder transcoder;
    private final JobEventHub hub;
    private final OpenAiConfig config;
    private final OpenAiModels models;

    public OpenAiResource(SpeechService speech, SpeechTranscoder transcoder, JobEventHub hub, OpenAiConfig config,
                          OpenAiModels models) {
        this.models = models;
        this.speech = speech;
        this.transcoder = transcoder;
        this.hub = hub;
        this.config = config;
    }

    @POST
    @Path("/audio/speech")
    @Consumes(MediaType.WILDCARD)
    // OpenAI's Node and Python SDKs send Accept: application/octet-stream; the answer's type is the format's.
    @Produces({"audio/mpeg", "audio/wav", "audio/pcm", "audio/flac", "audio/aac", "audio/ogg", "audio/opus",
            MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Blocking
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpeechBody.class)))
    @Operation(summary = "Generate speech (OpenAI-compatible)",
            description = "Queues a one-item job that workers claim before batch items, waits for it and answers the audio. "
                    + "Past briefaudio.openai.timeout: 504 and the job goes on. Errors use OpenAI's error body.")
    public Uni<Response> speech(byte[] body) {
        SpeechRequest request = SpeechRequest.parse(body, models.names());
        long jobId = speech.submit(request);
        return hub.subscribe(jobId, null).filter(JobEvent::isFinal).toUni()
                .ifNoItem().after(config.timeout()).failWith(() -> new OpenAiError(504, "timeout", null, "timeout",
                        "The speech was not ready within " + config.timeout().toSeconds() + " s; job " + jobId
                                + " continues (GET /api/brief/audio/job/" + jobId + "/status)"))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(event -> {
                    if (!"completed".equals(event.type())) {
                        throw new OpenAiError(500, "server_error", null, "synthesis_" + event.type(),
                                "Speech synthesis " + event.type() + " (job " + jobId + ")");
                    }
                    byte[] audio = transcoder.transcode(speech.audio(jobId), request.format(), request.speed());
                    return Response.ok(audio, request.format().contentType()).build();
                });
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the models whose engine has a live worker (OpenAI-compatible)")
    public ModelList models() {
        var licenses = models.licenses();
        return OpenAiCatalog.models(models.live(), licenses::get);
    }

    @GET
    @Path("/models/{model}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One model (OpenAI-compatible)")
    public Model model(@PathParam("model") String id) {
        return OpenAiCatalog.model(models.names(), id, models.licenses()::get).orElseThrow(() -> new OpenAiError(404, "invalid_request_error", "model",
                "model_not_found", "The model '" + id + "' does not exist"));
    }

    /**
     * Errors of the speech request itself. Every other error under /v1 (a key, a scope, a rate limit, an unknown
     * path, a body too large) is answered in the same shape by the problem mappers (OpenAiErrorBodies).
     */
    @ServerExceptionMapper
    public Response openAiError(OpenAiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body()).build();
    }
}
