package io.briefaudio.api.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that needs no key at all, or that authorizes by other means:
 * {@link #signedLink()} for audio ({@code ?exp=&sig=} instead of a key), {@link #feedToken()} for a
 * tenant's private feed URL (the {@code {token}} path parameter selects the tenant).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicEndpoint {

    /** A signed link ({@code sig} query parameter) stands in for a key with {@code read}; without one a key is needed. */
    boolean signedLink() default false;

    /** The {@code token} path parameter is a feed token; the caller becomes its tenant with {@code read}. */
    boolean feedToken() default false;
}
