package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.0.0.0                    | 'this network'",
                "0.1.2.3                    | 'this network'",
                "[::]                       | unspecified",
                "127.0.0.1                  | loopback",
                "127.255.255.254            | loopback",
                "[::1]                      | loopback",
                "10.0.0.1                   | private address (10.0.0.0/8)",
                "10.255.255.255             | private address (10.0.0.0/8)",
                "172.16.0.1                 | private address (172.16.0.0/12)",
                "172.31.255.255             | private address (172.16.0.0/12)",
                "192.168.0.1                | private address (192.168.0.0/16)",
                "192.168.255.255            | private address (192.168.0.0/16)",
                "[fec0::1]                  | site-local",
                "169.254.169.254            | link-local address (169.254.0.0/16)",
                "[fe80::1]                  | link-local address (fe80::/10)",
                "[febf:ffff::1]             | link-local address (fe80::/10)",
                "[fc00::1]                  | unique local",
                "[fdff:ffff::1]             | unique local",
                "100.64.0.1                 | carrier-grade NAT",
                "100.127.255.255            | carrier-grade NAT",
                "224.0.0.1                  | multicast address (224.0.0.0/4)",
                "239.255.255.250            | multicast address (224.0.0.0/4)",
                "[ff02::1]                  | multicast address (ff00::/8)",
                "255.255.255.255            | broadcast",
                "240.0.0.1                  | reserved",
                "[::ffff:127.0.0.1]         | loopback address (127.0.0.0/8)",
                "[::ffff:10.1.2.3]          | private address (10.0.0.0/8)",
                "[::ffff:169.254.169.254]   | link-local address (169.254.0.0/16)",
                "[::127.0.0.1]              | IPv4-compatible form of 127.0.0.1, a loopback",
                "[::192.168.1.1]            | IPv4-compatible form of 192.168.1.1, a private",
                "[64:ff9b::7f00:1]          | NAT64 form of 127.0.0.1, a loopback",
                "[64:ff9b::a9fe:a9fe]       | NAT64 form of 169.254.169.254, a link-local",
                "[64:ff9b:1::a00:1]         | local-use NAT64"
            })
    void resolve_refusesLocalAddress_namingAddressAndRange(String host, String reason) {
        URI uri = URI.create("https://" + host + ":8443/hooks");

        assertThatThrownBy(() -> WebhookTargets.resolve(uri, false))
                .isInstanceOf(RefusedTarget.class)
                .hasMessageStartingWith("webhook host " + host)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "[::1]",
                "10.0.0.1",
                "169.254.169.254",
                "[fd00::1]",
                "100.64.0.1",
                "[::ffff:127.0.0.1]",
                "[64:ff9b::7f00:1]",
                "255.255.255.255"
            })
    void resolve_acceptsLocalAddress_whenPrivateAllowed(String host) throws RefusedTarget {
        List<InetAddress> addresses = WebhookTargets.resolve(URI.create("http://" + host + "/hooks"), true);

        assertThat(addresses).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "9.255.255.255",
                "11.0.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "169.253.255.255",
                "172.15.255.255",
                "172.32.0.0",
                "192.167.255.255",
                "223.255.255.255",
                "[2606:4700:4700::1111]",
                "[2a00:1450:4001:80b::200e]",
                "[::ffff:8.8.8.8]",
                "[64:ff9b::808:808]"
            })
    void resolve_acceptsPublicAddress(String host) throws RefusedTarget {
        List<InetAddress> addresses = WebhookTargets.resolve(URI.create("https://" + host + "/hooks"), false);

        assertThat(addresses)
                .hasSize(1)
                .allSatisfy(a -> assertThat(WebhookTargets.isPublic(a)).isTrue());
    }

    @Test
    void resolve_refusesLocalhost() {
        assertThatThrownBy(() -> WebhookTargets.resolve(URI.create("http://localhost:8080/hooks"), false))
                .isInstanceOf(RefusedTarget.class)
                .hasMessageContaining("localhost at ")
                .hasMessageContaining("loopback");
    }

    @Test
    void resolve_refusesUnresolvableHost_evenWhenPrivateAllowed() {
        assertThatThrownBy(() -> WebhookTargets.resolve(URI.create("https://no-such-host.invalid/hooks"), true))
                .isInstanceOf(RefusedTarget.class)
                .hasMessageContaining("no-such-host.invalid")
                .hasMessageContaining("does not resolve");
    }

    @Test
    void resolve_refusesUrlWithoutHost() {
        assertThatThrownBy(() -> WebhookTargets.resolve(URI.create("http:///hooks"), true))
                .isInstanceOf(RefusedTarget.class)
                .hasMessageContaining("no host");
    }

    @Test
    void isPublic_refusesMappedAddressHeldAsIpv6() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};

        assertThat(WebhookTargets.isPublic(Inet6Address.getByAddress(null, mapped, -1)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/switchboard",
                "http://hooks.example.com:8080/a?b=c",
                "HTTPS://Hooks.Example.com/",
                "https://10.0.0.1/private-is-checked-at-resolve",
                "https://[2606:4700:4700::1111]:443/hooks",
                "https://hooks.example.com:65535/",
                "https://hooks.example.com:1/"
            })
    void problems_none_forAbsoluteHttpUrl(String url) {
        assertThat(WebhookTargets.problems(url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://hooks.example.com/in             | must use http or https",
                "file:///etc/passwd                     | must use http or https",
                "gopher://hooks.example.com:70/         | must use http or https",
                "javascript:alert(1)                    | must use http or https",
                "http:///hooks                          | must have a host name or IP address",
                "http:hooks                             | must have a host name or IP address",
                "https://user:pass@hooks.example.com/   | must not contain user info",
                "https://user@hooks.example.com/        | must not contain user info",
                "/hooks                                 | must be an absolute http or https URL",
                "hooks.example.com/in                   | must be an absolute http or https URL",
                "//hooks.example.com/in                 | must be an absolute http or https URL",
                "https://hooks.example.com:0/           | port must be between 1 and 65535",
                "https://hooks.example.com:65536/       | port must be between 1 and 65535",
                "https://hooks.example.com:99999999999/ | port must be between 1 and 65535",
                "https://hooks example.com/             | is not a valid URL",
                "ftp://                                 | is not a valid URL"
            })
    void problems_explainWhatIsWrong(String url, String problem) {
        assertThat(WebhookTargets.problems(url)).anySatisfy(p -> assertThat(p).startsWith(problem));
    }

    @Test
    void problems_reportOnlyThePort_whenOnlyThePortIsWrong() {
        assertThat(WebhookTargets.problems("https://hooks.example.com:99999999999/"))
                .containsExactly("port must be between 1 and 65535");
    }

    @Test
    void problems_reportEveryProblem() {
        assertThat(WebhookTargets.problems("ftp://user@files.example.com:0/"))
                .containsExactly(
                        "must use http or https", "must not contain user info", "port must be between 1 and 65535");
    }

    @Test
    void problems_refuseEmptyAndOverlongUrls() {
        String overlong = "https://hooks.example.com/" + "a".repeat(2048);

        assertThat(WebhookTargets.problems(null)).containsExactly("must not be empty");
        assertThat(WebhookTargets.problems(" ")).containsExactly("must not be empty");
        assertThat(WebhookTargets.problems(overlong)).containsExactly("must be at most 2048 characters");
        assertThat(WebhookTargets.problems("https://hooks.example.com/" + "a".repeat(2048 - 26)))
                .isEmpty();
    }
}
