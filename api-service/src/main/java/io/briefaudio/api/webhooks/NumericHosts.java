package io.briefaudio.api.webhooks;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names that are IPv4 numbers in another spelling. URL parsers and resolvers disagree on them: browsers, curl
 * and inet_aton read {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 2130706433} as 127.0.0.1, Java reads the first
 * as 177.0.0.1. Only the canonical four decimal numbers are accepted, so what is checked is what anyone connects to.
 */
final class NumericHosts {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern CANONICAL = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private NumericHosts() {
    }

    /** Why a host written as a number may not be used, or empty when it is a name or a canonical IPv4 address. */
    static Optional<String> refusal(String host) {
        if (host.contains(":")) {
            return Optional.empty(); // an IPv6 literal
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        if (!NUMBER.matcher(last).matches()) {
            return Optional.empty(); // a name
        }
        if (host.equals(trimmed) && CANONICAL.matcher(trimmed).matches() && octetsFit(trimmed)) {
            return Optional.empty();
        }
        return Optional.of(inetAton(trimmed)
                .map(meant -> host + " is a non-canonical IPv4 address (other software reads it as " + meant
                        + "); write addresses as four decimal numbers")
                .orElse(host + " is not a valid IPv4 address"));
    }

    private static boolean octetsFit(String dotted) {
        for (String part : dotted.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The address the BSD resolver reads: 1 to 4 parts in decimal, octal (0…) or hex (0x…), the last filling the rest. */
    private static Optional<String> inetAton(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = number(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values[i] = value.get();
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long rest = values[values.length - 1];
        if (rest >= 1L << (8 * (5 - values.length))) {
            return Optional.empty();
        }
        address |= rest;
        return Optional.of((address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff));
    }

    private static Optional<Long> number(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        int radix = 10;
        if (p.startsWith("0x")) {
            radix = 16;
            p = p.substring(2);
            if (p.isEmpty()) {
                return Optional.of(0L);
            }
        } else if (p.length() > 1 && p.startsWith("0")) {
            radix = 8;
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigInteger value = new BigInteger(p, radix);
            return value.bitLength() > 32 ? Optional.empty() : Optional.of(value.longValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
