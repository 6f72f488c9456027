package io.briefaudio.api.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses webhook targets that would let a caller make this server reach its own network (SSRF):
 * loopback, private, link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT,
 * unique-local IPv6 and multicast addresses, and the usual metadata host names. Checked when a webhook
 * is registered and again before every attempt, since DNS answers change.
 */
public final class TargetGuard {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal",
            "metadata.goog", "instance-data", "instance-data.ec2.internal");

    private TargetGuard() {
    }

    /** Why {@code url} may not be called, or empty when it may. */
    public static Optional<String> refusal(URI url, boolean allowPrivate) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("the URL must be http or https");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (METADATA_HOSTS.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.of(host + " is a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of(host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbiddenKind(address);
            if (kind.isPresent()) {
                return Optional.of(host + " resolves to " + kind.get() + " address " + address.getHostAddress());
            }
        }
        return Optional.empty();
    }

    static Optional<String> forbiddenKind(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("an unspecified");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local (metadata)");
        }
        if (a.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first == 100 && second >= 64 && second <= 127 || first == 198 && (second & 0xfe) == 18
                    || first >= 240) {
                return Optional.of("a reserved or shared");
            }
        }
        if (a instanceof Inet6Address && ((b[0] & 0xfe) == 0xfc)) {
            return Optional.of("a unique-local (private)");
        }
        return Optional.empty();
    }
}
