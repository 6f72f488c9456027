package io.briefaudio.api.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.briefaudio.api.http.StrictJson;
import io.briefaudio.shared.storage.StorageException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become RFC 9457 problem+json responses. */
public class ProblemMapper {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        Response response = respond(problem.type(), problem.getMessage(), problem.extensions(), uri);
        if (problem.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(response);
        problem.headers().forEach(withHeaders::header);
        return withHeaders.build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(ProblemType.UNKNOWN_FIELD, "Unknown field '" + path(e) + "'; allowed: "
                + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")),
                Map.of("errors", List.of(new ApiProblem.FieldError(path(e), "unknown field"))), uri);
    }

    @ServerExceptionMapper({InvalidFormatException.class, MismatchedInputException.class})
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return respond(ProblemType.MALFORMED_JSON, "The request body has content after its JSON value", Map.of(), uri);
        }
        String field = path(e);
        if (e instanceof StrictJson.LoneSurrogateException) {
            return respond(ProblemType.VALIDATION, "Field '" + field + "' must be valid Unicode text",
                    Map.of("errors", List.of(new ApiProblem.FieldError(field, "contains an unpaired surrogate"))), uri);
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return respond(ProblemType.VALIDATION, "Field '" + field + "' must be " + expected,
                Map.of("errors", List.of(new ApiProblem.FieldError(field, "must be " + expected))), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(ProblemType.MALFORMED_JSON, "The request body could not be parsed as JSON" + location, Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response storageUnavailable(StorageException e, UriInfo uri) {
        LOG.warn("Audio storage failed", e);
        return respond(ProblemType.STORAGE_UNAVAILABLE, "Audio storage is unavailable; try again later", Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, uri);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch, uri);
        }
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        String detail = switch (status) {
            // The framework's own wording ("Unable to find matching target resource method", "@Produces") is ours to say.
            case 404 -> "Nothing is served at this path";
            case 405 -> "This method is not allowed here";
            case 406 -> "None of the types in the Accept header can be answered here";
            default -> status >= 500 ? "The server could not complete the request" : e.getMessage();
        };
        Response response = respond(type, detail, Map.of(), uri);
        return status == type.status() ? response : Response.fromResponse(response).status(status).build();
    }

    /** A body Jackson could bind to no request type (e.g. a creator property given twice): bad input, not a bug. */
    @ServerExceptionMapper
    public Response unbindableJson(InvalidDefinitionException e, UriInfo uri) {
        LOG.warnf("Request body could not be bound: %s", e.getOriginalMessage());
        return respond(ProblemType.MALFORMED_JSON, "The request body does not fit the expected JSON object", Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("Database unavailable answering %s: %s", uri.getRequestUri().getRawPath(), DatabaseOutage.describe(e));
            return Response.fromResponse(respond(ProblemType.DATABASE_UNAVAILABLE,
                            "The database cannot be reached; try again later", Map.of(), uri))
                    .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS).build();
        }
        if (MultipartFailures.causedBy(e)) {
            LOG.debugf("Multipart body refused: %s", e);
            return MultipartFailures.tooManyParts(e)
                    ? respond(ProblemType.PAYLOAD_TOO_LARGE, "The multipart body has more fields or parts than the 1,000 "
                    + "accepted", Map.of(), uri)
                    : respond(ProblemType.MALFORMED_MULTIPART, "The multipart body could not be read (its boundary, "
                    + "closing boundary or part encoding is wrong)", Map.of(), uri);
        }
        LOG.error("Unexpected error answering " + uri.getRequestUri().getRawPath(), e);
        return respond(ProblemType.INTERNAL, "The server could not complete the request", Map.of(), uri);
    }

    static Response respond(ProblemType type, String detail, Map<String, Object> extensions, UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        if (OpenAiErrorBodies.applies(path)) {
            return Response.status(type.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(OpenAiErrorBodies.of(type, type.status(), detail)).build();
        }
        Map<String, Object> body = ProblemBodies.body(type, type.status(), detail, path, extensions);
        return Response.status(type.status()).type(PROBLEM_JSON).entity(body).build();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(body)" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == java.math.BigInteger.class
                || type == int.class || type == long.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
