package io.briefaudio.api.webhooks;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses webhook targets that would let a caller make this server reach its own network (SSRF): every address
 * that is not public unicast ({@link AddressRules}: loopback, private, link-local and cloud metadata, shared,
 * unique-local, multicast, reserved, and the same inside IPv6), this host's own addresses, IPv4 numbers in
 * ambiguous spellings and the usual metadata host names. A delivery resolves the host once, checks every address
 * and connects to a checked one ({@link #resolve}); registration checks too, to refuse early.
 */
public final class TargetGuard {

    /** The setting that lifts the address checks, named in every refusal it would lift. */
    static final String ALLOW_PRIVATE = "briefaudio.webhooks.allow-private-targets";

    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal",
            "metadata.goog", "instance-data", "instance-data.ec2.internal");

    /** Looks a host up: {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a target is refused; the message is shown to the caller and in the delivery log. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private TargetGuard() {
    }

    /**
     * Why {@code url} may not be registered, or empty when it may. With private targets allowed the host is not
     * looked up here (closed networks register names that resolve only where the deliveries run).
     */
    public static Optional<String> refusal(URI url, boolean allowPrivate) {
        try {
            if (allowPrivate) {
                host(url);
            } else {
                resolve(url, false, InetAddress::getAllByName);
            }
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Resolves the target's host once and returns the address to connect to, every address having passed. */
    public static InetAddress resolve(URI url, boolean allowPrivate, Resolver resolver) throws Refused {
        String host = host(url);
        if (!allowPrivate && METADATA_HOSTS.contains(name(host))) {
            throw refused(host + " is a cloud metadata service");
        }
        if (!allowPrivate && (name(host).equals("localhost") || name(host).endsWith(".localhost"))) {
            throw refused(host + " is a loopback name");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare(host));
        } catch (UnknownHostException e) {
            throw new Refused(host + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new Refused(host + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                check(host, address);
            }
        }
        return addresses[0];
    }

    /** The URL's host, refused when the URL cannot be a webhook target whatever the settings. */
    private static String host(URI url) throws Refused {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("the URL must be http or https");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("the URL has no host");
        }
        Optional<String> numeric = NumericHosts.refusal(bare(host));
        if (numeric.isPresent()) {
            throw new Refused(numeric.get());
        }
        return host;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host name as compared with known names: lower case, without brackets or a final dot. */
    private static String name(String host) {
        String name = bare(host).toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static void check(String host, InetAddress address) throws Refused {
        InetAddress effective = AddressRules.effective(address);
        String shown = address.getHostAddress()
                + (effective == address ? "" : " (IPv4 " + effective.getHostAddress() + ")");
        Optional<String> kind = AddressRules.forbiddenKind(effective);
        if (kind.isPresent()) {
            throw refused(host + " resolves to " + kind.get() + " address " + shown);
        }
        if (isLocal(effective)) {
            throw refused(host + " resolves to " + shown + ", an address of this server");
        }
    }

    private static Refused refused(String why) {
        return new Refused(why + " (set " + ALLOW_PRIVATE + "=true to allow private targets)");
    }

    /** Whether the address is one of this host's interfaces' (read each time: interfaces come and go). */
    private static boolean isLocal(InetAddress address) {
        byte[] wanted = address.getAddress();
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .map(AddressRules::effective)
                    .anyMatch(local -> Arrays.equals(local.getAddress(), wanted));
        } catch (SocketException e) {
            return true; // cannot tell: refuse rather than risk calling ourselves
        }
    }
}
