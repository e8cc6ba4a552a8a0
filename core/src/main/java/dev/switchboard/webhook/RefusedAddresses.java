package dev.switchboard.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a webhook may not reach unless private targets are allowed: everything that leads back into the
 * host or its networks rather than to the public internet, including IPv6 forms that carry such an IPv4 address.
 */
final class RefusedAddresses {
    private static final List<AddressBlock> IPV4 = List.of(
            AddressBlock.of("0.0.0.0/8", "a 'this network' address"),
            AddressBlock.of("10.0.0.0/8", "a private address"),
            AddressBlock.of("100.64.0.0/10", "a carrier-grade NAT address"),
            AddressBlock.of("127.0.0.0/8", "a loopback address"),
            AddressBlock.of("169.254.0.0/16", "a link-local address"),
            AddressBlock.of("172.16.0.0/12", "a private address"),
            AddressBlock.of("192.168.0.0/16", "a private address"),
            AddressBlock.of("224.0.0.0/4", "a multicast address"),
            AddressBlock.of("255.255.255.255/32", "the broadcast address"),
            AddressBlock.of("240.0.0.0/4", "a reserved address"));

    private static final List<AddressBlock> IPV6 = List.of(
            AddressBlock.of("::/128", "the unspecified address"),
            AddressBlock.of("::1/128", "a loopback address"),
            AddressBlock.of("fe80::/10", "a link-local address"),
            AddressBlock.of("fec0::/10", "a site-local address"),
            AddressBlock.of("fc00::/7", "a unique local address"),
            AddressBlock.of("ff00::/8", "a multicast address"),
            AddressBlock.of("64:ff9b:1::/48", "a local-use NAT64 address"));

    /** IPv6 prefixes whose last 32 bits are the IPv4 address a connection actually reaches. */
    private static final List<AddressBlock> CARRYING_IPV4 = List.of(
            AddressBlock.of("::ffff:0:0/96", "the IPv4-mapped form"),
            AddressBlock.of("64:ff9b::/96", "the NAT64 form"),
            AddressBlock.of("::/96", "the IPv4-compatible form"));

    private RefusedAddresses() {}

    /** Why {@code address} is refused, e.g. "a loopback address (127.0.0.0/8)"; empty if it is public. */
    static Optional<String> reason(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return match(IPV4, bytes);
        }
        Optional<String> own = match(IPV6, bytes);
        if (own.isPresent()) {
            return own;
        }
        return CARRYING_IPV4.stream()
                .filter(block -> block.contains(bytes))
                .findFirst()
                .flatMap(block -> carried(block, Arrays.copyOfRange(bytes, 12, 16)));
    }

    private static Optional<String> carried(AddressBlock form, byte[] ipv4) {
        return match(IPV4, ipv4).map(reason -> form.kind() + " of " + text(ipv4) + ", " + reason);
    }

    private static Optional<String> match(List<AddressBlock> blocks, byte[] bytes) {
        return blocks.stream()
                .filter(block -> block.contains(bytes))
                .findFirst()
                .map(block -> block.kind() + " (" + block.cidr() + ")");
    }

    private static String text(byte[] ipv4) {
        try {
            return InetAddress.getByAddress(ipv4).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
