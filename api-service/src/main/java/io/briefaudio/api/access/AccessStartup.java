package io.briefaudio.api.access;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * At start-up: stores the bootstrap key, and refuses to serve without keys on an address other machines can
 * reach unless {@code briefaudio.auth.allow-anonymous=true} says so explicitly.
 */
@ApplicationScoped
public class AccessStartup {

    private static final Logger LOG = Logger.getLogger(AccessStartup.class);

    void onStart(@Observes StartupEvent event, AuthConfig config, ApiKeys keys) {
        config.bootstrapKey().filter(k -> !k.isBlank()).ifPresent(keys::bootstrap);
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class)
                .orElse(LaunchMode.current().isDevOrTest() ? "localhost" : "0.0.0.0");
        anonymousWarning(config.enabled(), config.allowAnonymous(), host).ifPresent(LOG::warn);
    }

    /** The warning to log when auth is off; throws when auth is off on a non-loopback address without consent. */
    static Optional<String> anonymousWarning(boolean enabled, boolean allowAnonymous, String host) {
        if (enabled) {
            return Optional.empty();
        }
        if (isLoopback(host)) {
            return Optional.of("Authentication is OFF (briefaudio.auth.enabled=false): anyone on this machine can use "
                    + "the API on " + host + " as tenant 'default'");
        }
        if (allowAnonymous) {
            return Optional.of("Authentication is OFF and the API listens on " + host + ": anyone who can reach it "
                    + "can create, read and cancel everything (briefaudio.auth.allow-anonymous=true)");
        }
        throw new IllegalStateException("Refusing to start: briefaudio.auth.enabled=false on the non-loopback "
                + "address " + host + ". Turn auth on, listen on 127.0.0.1 (quarkus.http.host), or set "
                + "briefaudio.auth.allow-anonymous=true to accept anonymous access from the network.");
    }

    static boolean isLoopback(String host) {
        try {
            return !host.isBlank() && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
