package io.briefaudio.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF corpus: every way we know of writing an internal address as a webhook target (loopback, unspecified,
 * private, link-local and metadata, shared, multicast, reserved, documentation), in decimal, octal, hex and short
 * IPv4 forms and inside IPv6 (mapped, compatible, translated, NAT64, 6to4, Teredo), plus this machine's own
 * addresses. Each must be refused; public addresses, including public IPv4 inside IPv6, must pass.
 */
class TargetGuardTest {

    private static final List<String> REFUSED = List.of(
            // loopback
            "127.0.0.1", "127.1.2.3", "127.255.255.254", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.0.0.1",
            "0177.0.0.1", "0177.1", "017700000001", "0x7F.0x00.0x00.0x01", "127.0.0.1.", "127.000.000.001",
            "0000177.0.0.1", "localhost", "localhost.", "LOCALHOST", "api.localhost",
            "[::1]", "[0:0:0:0:0:0:0:1]", "[0000::0001]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]",
            "[::7f00:1]", "[::ffff:0:127.0.0.1]", "[::ffff:0:7f00:1]", "[64:ff9b::127.0.0.1]", "[64:ff9b::7f00:1]",
            "[2002:7f00:1::]", "[2002:7f00:0001::1]",
            // unspecified and "this network"
            "0.0.0.0", "0", "0x0", "00.0.0.0", "0.1.2.3", "[::]", "[0:0:0:0:0:0:0:0]", "[::ffff:0.0.0.0]",
            // private
            "10.0.0.1", "10.255.255.255", "012.0.0.1", "0xa.0.0.1", "167772161", "172.16.0.1", "172.31.255.254",
            "192.168.0.1", "192.168.1.1", "0xc0a80001", "3232235521", "0300.0250.0.1", "[::ffff:10.0.0.1]",
            "[::ffff:192.168.1.1]", "[64:ff9b::10.0.0.1]", "[2002:c0a8:0101::]", "[::10.0.0.1]", "[fd00::1]",
            "[fd12:3456:789a::1]", "[fc00::1]", "[fec0::1]",
            // link-local and cloud metadata
            "169.254.169.254", "169.254.0.1", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "0xa9.0xfe.0xa9.0xfe",
            "169.254.43518", "[::ffff:169.254.169.254]", "[::169.254.169.254]", "[::a9fe:a9fe]",
            "[64:ff9b::169.254.169.254]", "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::]", "[fe80::1]",
            "[fe80::a9fe:a9fe]", "[fd00:ec2::254]", "metadata.google.internal", "metadata", "metadata.goog",
            "instance-data", "instance-data.ec2.internal", "METADATA.GOOGLE.INTERNAL.", "100.100.100.200",
            // shared (carrier-grade NAT)
            "100.64.0.1", "100.127.255.254", "[::ffff:100.64.0.1]",
            // multicast
            "224.0.0.1", "239.255.255.250", "0xe0000001", "[ff02::1]", "[ff05::1:3]", "[::ffff:224.0.0.1]",
            // reserved and broadcast
            "240.0.0.1", "255.255.255.255", "4294967295", "0xffffffff",
            // other special purposes
            "192.0.0.170", "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1", "192.88.99.1", "[2001:db8::1]",
            "[100::1]", "[2001::1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[64:ff9b:1::a00:1]", "[3fff::1]",
            "[::2]", "[4000::1]",
            // not IPv4 at all, though written as numbers
            "256.0.0.1", "1.2.3.4.5", "0x100.0.0.1", "08.0.0.1", "4294967296");

    private static final List<String> PUBLIC = List.of("8.8.8.8", "93.184.215.14", "1.1.1.1", "[2606:4700::1111]",
            "[2001:4860:4860::8888]", "[::ffff:8.8.8.8]", "[64:ff9b::808:808]", "[2002:808:808::1]", "8.8.8.8:8443");

    /** This machine's own addresses (every interface's), whatever ranges they are in. */
    static Stream<String> ownAddresses() throws Exception {
        List<String> own = new ArrayList<>();
        NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).forEach(a -> {
            String literal = a.getHostAddress().replaceAll("%.*$", "");
            own.add(literal.contains(":") ? "[" + literal + "]" : literal);
        });
        return own.stream();
    }

    static Stream<String> refusedTargets() throws Exception {
        return Stream.concat(REFUSED.stream(), ownAddresses());
    }

    @Test
    void shouldHoldAtLeastAHundredAndTenTargets() throws Exception {
        assertThat(refusedTargets().count()).isGreaterThanOrEqualTo(110);
    }

    @ParameterizedTest
    @MethodSource("refusedTargets")
    void shouldRefuseEveryInternalTarget(String host) {
        for (String url : List.of("http://" + host + "/hook", "https://" + host + ":8443/hook")) {
            assertThat(TargetGuard.refusal(URI.create(url), false)).as(url).isPresent();
            assertThatThrownBy(() -> TargetGuard.resolve(URI.create(url), false, InetAddress::getAllByName))
                    .as(url).isInstanceOf(TargetGuard.Refused.class);
        }
    }

    @ParameterizedTest
    @MethodSource("ownAddresses")
    void shouldRefuseThisMachinesOwnAddressesWhateverTheirRange(String host) throws Exception {
        String literal = host.replace("[", "").replace("]", "");
        // Resolved as a name would be: the check is on the address, not on how the URL spells it.
        TargetGuard.Resolver resolvesHere = name -> new InetAddress[] {InetAddress.getByName(literal)};
        assertThatThrownBy(() -> TargetGuard.resolve(URI.create("http://hooks.example/"), false, resolvesHere))
                .isInstanceOf(TargetGuard.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://8.8.8.8/hook", "file:///etc/passwd", "gopher://8.8.8.8/", "dict://8.8.8.8:11211/",
            "ldap://8.8.8.8/", "jar:http://8.8.8.8!/x", "http:/hook"})
    void shouldRefuseOtherSchemesAndUrlsWithoutAHost(String url) {
        assertThat(TargetGuard.refusal(URI.create(url), false)).isPresent();
        assertThat(TargetGuard.refusal(URI.create(url), true)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("publicTargets")
    void shouldAllowPublicTargets(String host) throws Exception {
        URI url = URI.create("https://" + host + "/hook");
        assertThat(TargetGuard.refusal(url, false)).isEmpty();
        assertThat(TargetGuard.resolve(url, false, InetAddress::getAllByName)).isNotNull();
    }

    static Stream<String> publicTargets() {
        return PUBLIC.stream();
    }

    @Test
    void shouldJudgeIpv4InsideIpv6AsThatIpv4AndSaySo() {
        assertThat(TargetGuard.refusal(URI.create("http://[::127.0.0.1]/"), false)).get().asString()
                .contains("loopback").contains("127.0.0.1");
        assertThat(TargetGuard.refusal(URI.create("http://[64:ff9b::a9fe:a9fe]/"), false)).get().asString()
                .contains("link-local").contains("169.254.169.254");
        assertThat(TargetGuard.refusal(URI.create("http://[2002:7f00:1::]/"), false)).get().asString()
                .contains("loopback");
    }

    @Test
    void shouldSayWhatAnAmbiguousNumberMeans() {
        assertThat(TargetGuard.refusal(URI.create("http://0177.0.0.1/"), false)).get().asString()
                .contains("127.0.0.1").contains("four decimal numbers");
        assertThat(TargetGuard.refusal(URI.create("http://0177.0.0.1/"), true)).as("even where private targets are allowed")
                .isPresent();
    }

    @Test
    void shouldNameTheSettingThatAllowsPrivateTargets() {
        assertThat(TargetGuard.refusal(URI.create("http://10.0.0.1/"), false)).get().asString()
                .contains("briefaudio.webhooks.allow-private-targets");
        assertThat(TargetGuard.refusal(URI.create("http://metadata.google.internal/"), false)).get().asString()
                .contains("briefaudio.webhooks.allow-private-targets");
    }

    @Test
    void shouldRefuseWhenAnyAddressOfTheNameIsInternal() {
        TargetGuard.Resolver mixed = name -> new InetAddress[] {InetAddress.getByName("8.8.8.8"),
                InetAddress.getByName("10.0.0.1")};
        assertThatThrownBy(() -> TargetGuard.resolve(URI.create("https://hooks.example/"), false, mixed))
                .isInstanceOf(TargetGuard.Refused.class).hasMessageContaining("10.0.0.1");
    }

    @Test
    void shouldAllowPrivateTargetsWhenConfigured() throws Exception {
        assertThat(TargetGuard.refusal(URI.create("http://127.0.0.1:8080/hook"), true)).isEmpty();
        assertThat(TargetGuard.resolve(URI.create("http://10.1.2.3/hook"), true, InetAddress::getAllByName)
                .getHostAddress()).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> TargetGuard.resolve(URI.create("http://no-such-host.invalid/"), true,
                name -> { throw new UnknownHostException(name); })).hasMessageContaining("does not resolve");
    }
}
