package io.briefaudio.api.http;

import io.briefaudio.api.access.AccessFilter;
import io.briefaudio.api.access.PublicEndpoint;
import io.briefaudio.api.access.Scope;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes the generated OpenAPI document say what the API does: the two ways to present a key (bearer and
 * {@code X-API-Key}) with the scope each operation needs, read from the same annotations {@link AccessFilter}
 * enforces (so Swagger UI can authorize), the status codes the resources really answer (201 for creations,
 * 202 for queued jobs, 204 for deletions) and the error answers with their problem+json (or, under /v1, OpenAI)
 * bodies. Operations are found by their ids, which name the resource class and method
 * ({@code quarkus.smallrye-openapi.operation-id-strategy=package-class-method}); they are shortened here.
 */
public class OpenApiDocument implements OASFilter {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API key as a bearer token: Authorization: Bearer ba_…"));
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key").description("An API key in the X-API-Key header"));
        components.addSchema("Problem", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details (docs/api.md, Errors)")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        Schema errorMembers = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT));
        for (String member : new String[] {"message", "type", "param", "code"}) {
            errorMembers.addProperty(member, OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL)));
        }
        components.addSchema("OpenAIError", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("OpenAI's error body, used by every answer under /v1").addProperty("error", errorMembers));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> document(path, method, operation)));
    }

    private static void document(String path, PathItem.HttpMethod httpMethod, Operation operation) {
        Optional<Method> java = javaMethod(operation.getOperationId());
        java.ifPresent(m -> operation.setOperationId(m.getDeclaringClass().getSimpleName() + "_" + m.getName()));
        boolean isPublic = java.map(OpenApiDocument::isPublic).orElse(path.startsWith("/feeds") || path.startsWith("/audio"));
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        String name = java.map(Method::getName).orElse("");
        boolean returnsResponse = java.map(m -> m.getReturnType().getName().equals("jakarta.ws.rs.core.Response")).orElse(false);
        if (returnsResponse && httpMethod == PathItem.HttpMethod.POST && name.equals("create")) {
            success(responses, "201", "Created; Location names the new resource");
        } else if (returnsResponse && name.equals("generate")) {
            success(responses, "202", "Queued; Location is the job's status URL (200 with the brief's unfinished job for "
                    + "the same voice and format)");
        } else if (returnsResponse && httpMethod == PathItem.HttpMethod.DELETE) {
            success(responses, "204", "Done");
        }
        boolean openAi = path.startsWith("/v1");
        boolean hasBody = operation.getRequestBody() != null;
        if (hasBody || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            error(responses, "400", "Invalid request", openAi);
        }
        if (!isPublic) {
            Scope scope = java.map(m -> AccessFilter.requiredScope(m, httpMethod.name()))
                    .orElse(httpMethod == PathItem.HttpMethod.GET ? Scope.READ : Scope.GENERATE);
            operation.setSecurity(List.of(requirement(BEARER, scope), requirement(API_KEY, scope)));
            operation.setDescription(join(operation.getDescription(), "Needs a key with the `" + scope.wireName() + "` scope."));
            error(responses, "401", "No key, or an unknown, revoked or expired one", openAi);
            error(responses, "403", "The key lacks the scope, or the request came from another site", openAi);
        }
        if (path.contains("{")) {
            error(responses, "404", "Not found (or another tenant's)", openAi);
        }
        if (hasBody) {
            error(responses, "413", "The request body or a field of it is too large", openAi);
        }
        if (name.equals("generate") || name.equals("cancel") || name.equals("retry") || path.equals("/api/feed-tokens")
                && httpMethod == PathItem.HttpMethod.POST || path.startsWith("/api/voices/") && httpMethod == PathItem.HttpMethod.DELETE) {
            error(responses, "409", "Conflict with the resource's current state", openAi);
        }
        if (name.equals("generate") || path.equals("/v1/audio/speech") || path.equals("/api/briefs")
                && httpMethod == PathItem.HttpMethod.POST) {
            error(responses, "429", "The key's rate limit is used up (Retry-After says when to retry)", openAi);
        }
    }

    private static SecurityRequirement requirement(String scheme, Scope scope) {
        return OASFactory.createSecurityRequirement().addScheme(scheme, List.of(scope.wireName()));
    }

    private static void success(APIResponses responses, String code, String description) {
        APIResponse documented = responses.getAPIResponse("200");
        if (documented == null || responses.getAPIResponses().size() > 1 && !responses.hasAPIResponse("200")) {
            return;
        }
        Map<String, APIResponse> all = new java.util.LinkedHashMap<>(responses.getAPIResponses());
        all.remove("200");
        APIResponse moved = documented.description(description);
        responses.setAPIResponses(new java.util.LinkedHashMap<>());
        responses.addAPIResponse(code, moved);
        all.forEach(responses::addAPIResponse);
        if (code.equals("202")) {
            responses.addAPIResponse("200", OASFactory.createAPIResponse().description("The brief's unfinished job for the "
                    + "same voice and format").content(moved.getContent()));
        }
    }

    private static void error(APIResponses responses, String code, String description, boolean openAi) {
        if (responses.hasAPIResponse(code)) {
            return;
        }
        String schema = openAi ? "OpenAIError" : "Problem";
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(openAi ? "application/json" : "application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema)))));
    }

    private static boolean isPublic(Method method) {
        return method.isAnnotationPresent(PublicEndpoint.class)
                || method.getDeclaringClass().isAnnotationPresent(PublicEndpoint.class);
    }

    /** The resource method an operation id of the package-class-method strategy names. */
    private static Optional<Method> javaMethod(String operationId) {
        if (operationId == null || operationId.lastIndexOf('_') < 0) {
            return Optional.empty();
        }
        String className = operationId.substring(0, operationId.lastIndexOf('_'));
        String methodName = operationId.substring(operationId.lastIndexOf('_') + 1);
        try {
            Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            List<Method> candidates = new ArrayList<>();
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(methodName)) {
                    candidates.add(m);
                }
            }
            return candidates.stream().filter(m -> m.isAnnotationPresent(Path.class) || hasHttpMethod(m)).findFirst()
                    .or(() -> candidates.stream().findFirst());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static boolean hasHttpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static String join(String a, String b) {
        return a == null || a.isBlank() ? b : a + " " + b;
    }
}
