package io.briefaudio.api.http;

import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Keeps other sites' pages from changing anything here through a visitor's browser. A browser marks a
 * cross-site request with {@code Origin} (and {@code Sec-Fetch-Site}); an HTML form can only send the three
 * "simple" content types, none of them JSON. So a state-changing request is refused when its origin is not
 * this service's, and when it has a form-shaped body. Clients other than browsers send neither header.
 */
@ApplicationScoped
public class CrossSiteGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    private final Optional<URI> publicBaseUrl;

    public CrossSiteGuard(ApiConfig config) {
        this.publicBaseUrl = config.http().publicBaseUrl();
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseCrossSiteChanges(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !Set.of("same-origin", "none").contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
            throw refused("This request came from another site (Sec-Fetch-Site: " + fetchSite.trim() + ")");
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !isOwnOrigin(origin.trim(), request.getHeaderString(HttpHeaders.HOST))) {
            throw refused("Requests that change data are accepted from this service's own pages only");
        }
        MediaType type = mediaType(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (type != null && hasBody(request) && !isClipUpload(request, type)
                && FORM_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT))) {
            throw new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send request bodies as application/json");
        }
    }

    /** The one form body we take: a voice clip uploaded to POST /api/voices (its Origin is checked above). */
    private static boolean isClipUpload(ContainerRequestContext request, MediaType type) {
        return "POST".equals(request.getMethod()) && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                && "/api/voices".equals(request.getUriInfo().getPath());
    }

    private static MediaType mediaType(String header) {
        if (header == null) {
            return null;
        }
        try {
            return MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type is not a media type; send application/json");
        }
    }

    /**
     * Clients such as REST Assured label even an empty POST {@code text/plain}; without a body there is
     * nothing a form could have smuggled, and browsers mark such cross-site posts with {@code Origin}.
     */
    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
    }

    private boolean isOwnOrigin(String origin, String host) {
        URI parsed;
        try {
            parsed = new URI(origin);
        } catch (Exception e) {
            return false;
        }
        if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
            return false; // includes "null", sent by sandboxed frames and some redirects
        }
        if (publicBaseUrl.isPresent() && sameOrigin(parsed, publicBaseUrl.get())) {
            return true;
        }
        return host != null && parsed.getRawAuthority().equalsIgnoreCase(host.trim());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getRawAuthority().equalsIgnoreCase(String.valueOf(b.getRawAuthority()));
    }

    private static ApiProblem refused(String detail) {
        return new ApiProblem(ProblemType.CROSS_ORIGIN_REQUEST, detail);
    }
}
