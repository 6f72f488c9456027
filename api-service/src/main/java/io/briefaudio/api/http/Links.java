package io.briefaudio.api.http;

import io.briefaudio.api.config.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;

/**
 * {@code Location} values. JAX-RS would resolve a relative location against the request's Host header, which
 * the client chooses ({@code Host: evil.example} came back in {@code Location}); a path relative to the
 * request is valid (RFC 9110 §10.2.2), and a configured public base URL gives absolute ones.
 */
@ApplicationScoped
public class Links {

    private final Optional<URI> publicBaseUrl;

    public Links(ApiConfig config) {
        this.publicBaseUrl = config.http().publicBaseUrl();
    }

    /** The header value for an absolute path such as {@code /api/briefs/7}. */
    public String location(URI path) {
        return publicBaseUrl.map(base -> stripSlash(base.toString()) + path.getRawPath()).orElse(path.getRawPath());
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
