package io.briefaudio.api.audio;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.AuthConfig;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.api.listening.Attribution;
import io.briefaudio.shared.audio.AudioFileName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who may fetch an audio object: with auth off anyone; with auth on a key with {@code read} whose tenant
 * owns the object (another tenant's object is a 404, as a missing one), or anyone holding a valid signed link.
 */
@ApplicationScoped
public class AudioAccess {

    private final AuthConfig config;
    private final Caller caller;
    private final Ownership ownership;
    private final AudioLinks links;

    public AudioAccess(AuthConfig config, Caller caller, Ownership ownership, AudioLinks links) {
        this.config = config;
        this.caller = caller;
        this.ownership = ownership;
        this.links = links;
    }

    /** A signed link's signature covers its attribution: changing {@code job} or {@code via} makes it a 403. */
    public void authorize(String filename, String exp, String sig, Optional<Attribution> attribution) {
        if (!config.enabled() || !AudioFileName.isValid(filename)) {
            return; // an invalid name is answered 400 before storage is asked anything
        }
        if (caller.identified()) {
            if (!ownership.ownsAudio(filename)) {
                throw ApiProblem.notFound("Audio file", filename);
            }
        } else if (!links.verify(filename, exp, sig, attribution)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The audio link is expired or its signature does not match");
        }
    }

    /** The tenant of a caller with a key; empty for signed links and with auth off (the link decides). */
    public OptionalLong callerTenant() {
        return config.enabled() && caller.identified() ? OptionalLong.of(caller.tenantId()) : OptionalLong.empty();
    }

    /** Whether responses may be stored by shared caches: only when audio is public (auth off). */
    public boolean shared() {
        return !config.enabled();
    }
}
