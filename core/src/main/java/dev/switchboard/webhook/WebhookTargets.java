package dev.switchboard.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guards webhook URLs against server-side request forgery: a subscriber must not make the server call into its own
 * host or private networks. Stateless and thread-safe.
 */
public final class WebhookTargets {
    /** Longest URL accepted, a common limit of browsers and proxies. */
    private static final int MAX_LENGTH = 2048;

    private static final Pattern PORT = Pattern.compile(":(\\d+)$");

    private WebhookTargets() {}

    /**
     * What is wrong with {@code url} as a webhook target, judged from its text alone (no DNS), each problem a short
     * message; empty when it is fine.
     */
    public static List<String> problems(String url) {
        if (url == null || url.isBlank()) {
            return List.of("must not be empty");
        }
        if (url.length() > MAX_LENGTH) {
            return List.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return List.of("is not a valid URL: " + e.getReason());
        }
        if (uri.getScheme() == null) {
            return List.of("must be an absolute http or https URL");
        }
        return problems(uri);
    }

    private static List<String> problems(URI uri) {
        List<String> problems = new ArrayList<>();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add("must use http or https");
        }
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
            problems.add("must not contain user info");
        }
        String port = portDigits(authority);
        if (!hasHost(uri, port)) {
            problems.add("must have a host name or IP address");
        }
        if (port != null && !isPort(port)) {
            problems.add("port must be between 1 and 65535");
        }
        return problems;
    }

    /** The port as written, since {@link URI} drops a port too large for an int together with the host. */
    private static String portDigits(String authority) {
        Matcher port = authority == null ? null : PORT.matcher(authority);
        return port != null && port.find() ? port.group(1) : null;
    }

    private static boolean isPort(String digits) {
        return digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
    }

    private static boolean hasHost(URI uri, String port) {
        if (uri.getHost() != null) {
            return true;
        }
        if (port == null || uri.getRawAuthority() == null) {
            return false;
        }
        String authority = uri.getRawAuthority();
        try {
            return new URI("http://" + authority.substring(0, authority.length() - port.length() - 1)).getHost()
                    != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The addresses of the URL's host (a name or an IP literal); unless {@code allowPrivate}, refuses the target when
     * any of them is not {@linkplain #isPublic public}, since the HTTP client may connect to whichever it likes. Call
     * it when a subscription is saved and again before each delivery, as DNS answers change.
     *
     * @throws RefusedTarget if the host is missing, does not resolve, or resolves to a refused address
     */
    public static List<InetAddress> resolve(URI uri, boolean allowPrivate) throws RefusedTarget {
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedTarget("webhook URL has no host");
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new RefusedTarget("webhook host " + host + " does not resolve", e);
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                refuseIfLocal(host, address);
            }
        }
        return addresses;
    }

    /**
     * Whether {@code address} is on the public internet: not loopback, unspecified, private, link-local, unique
     * local, carrier-grade NAT, multicast, broadcast or reserved, nor an IPv6 form (mapped, compatible, NAT64) that
     * carries such an IPv4 address.
     */
    public static boolean isPublic(InetAddress address) {
        return RefusedAddresses.reason(address).isEmpty();
    }

    private static void refuseIfLocal(String host, InetAddress address) throws RefusedTarget {
        String reason = RefusedAddresses.reason(address).orElse(null);
        if (reason != null) {
            String text = address.getHostAddress();
            String where = host.equals(text) ? host : host + " at " + text;
            throw new RefusedTarget(
                    "webhook host " + where + " is " + reason + "; webhooks go only to public addresses");
        }
    }
}
