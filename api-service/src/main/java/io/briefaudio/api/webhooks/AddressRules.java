package io.briefaudio.api.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may not reach: everything that is not public unicast (IANA's special-purpose
 * registries), judged on the IPv4 address an IPv6 address carries when it carries one (mapped, compatible,
 * translated, NAT64 and 6to4 forms reach that IPv4 address).
 */
final class AddressRules {

    private record Block(byte[] prefix, int bits, String kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0", 8, "an unspecified (this-network)"),
            block("10.0.0.0", 8, "a private"),
            block("100.64.0.0", 10, "a shared (carrier-grade NAT)"),
            block("127.0.0.0", 8, "a loopback"),
            block("169.254.0.0", 16, "a link-local (cloud metadata)"),
            block("172.16.0.0", 12, "a private"),
            block("192.0.0.0", 24, "an IETF protocol"),
            block("192.0.2.0", 24, "a documentation"),
            block("192.88.99.0", 24, "a 6to4 relay"),
            block("192.168.0.0", 16, "a private"),
            block("198.18.0.0", 15, "a benchmarking"),
            block("198.51.100.0", 24, "a documentation"),
            block("203.0.113.0", 24, "a documentation"),
            block("224.0.0.0", 4, "a multicast"),
            block("240.0.0.0", 4, "a reserved or broadcast"));

    private static final List<Block> IPV6 = List.of(
            block("::", 128, "an unspecified"),
            block("::1", 128, "a loopback"),
            block("64:ff9b:1::", 48, "a NAT64 local-use"),
            block("100::", 64, "a discard-only"),
            block("2001::", 23, "an IETF special-purpose (Teredo, benchmarking, ORCHID)"),
            block("2001:db8::", 32, "a documentation"),
            block("3fff::", 20, "a documentation"),
            block("fc00::", 7, "a unique-local (private)"),
            block("fe80::", 10, "a link-local"),
            block("fec0::", 10, "a site-local"),
            block("ff00::", 8, "a multicast"));

    private static final Block GLOBAL_UNICAST_V6 = block("2000::", 3, "");

    private AddressRules() {
    }

    /**
     * The address whose kind decides: the IPv4 address an IPv6 address embeds (::a.b.c.d, ::ffff:a.b.c.d,
     * ::ffff:0:a.b.c.d, 64:ff9b::a.b.c.d, 2002:AABB:CCDD::), else the address itself.
     */
    static InetAddress effective(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        byte[] v4 = null;
        if (zero(b, 0, 12) && !zero(b, 12, 15)) { // IPv4-compatible; :: and ::1 are themselves
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (zero(b, 0, 10) && ff(b, 10) && ff(b, 11)) { // IPv4-mapped
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (zero(b, 0, 8) && ff(b, 8) && ff(b, 9) && zero(b, 10, 12)) { // IPv4-translated (SIIT)
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (b[0] == 0 && b[1] == 0x64 && ff(b, 2) && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) { // NAT64
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (b[0] == 0x20 && b[1] == 0x02) { // 6to4
            v4 = Arrays.copyOfRange(b, 2, 6);
        }
        if (v4 == null) {
            return address;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** Why a webhook may not reach this (effective) address, or empty for a public unicast address. */
    static Optional<String> forbiddenKind(InetAddress address) {
        byte[] b = address.getAddress();
        List<Block> blocks = address instanceof Inet4Address ? IPV4 : IPV6;
        for (Block block : blocks) {
            if (block.contains(b)) {
                return Optional.of(block.kind());
            }
        }
        if (address instanceof Inet6Address && !GLOBAL_UNICAST_V6.contains(b)) {
            return Optional.of("a reserved (not global unicast)");
        }
        return Optional.empty();
    }

    private static Block block(String prefix, int bits, String kind) {
        try {
            return new Block(InetAddress.getByName(prefix).getAddress(), bits, kind);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + prefix, e);
        }
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ff(byte[] b, int i) {
        return (b[i] & 0xff) == 0xff;
    }
}
