package dev.switchboard.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block of IPv4 or IPv6 addresses, named for the message that refuses an address inside it. */
record AddressBlock(String cidr, String kind, byte[] network, int bits) {

    /** The block written as {@code <literal address>/<prefix length>}; parsing a literal never asks DNS. */
    static AddressBlock of(String cidr, String kind) {
        int slash = cidr.indexOf('/');
        String literal = cidr.substring(0, slash);
        return new AddressBlock(cidr, kind, bytes(literal), Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this block; IPv4 and IPv6 never match each other. */
    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
    }

    private static byte[] bytes(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            // Java reads an IPv4-mapped literal such as ::ffff:0:0 as IPv4; the table means the IPv6 form.
            if (address instanceof Inet4Address && literal.contains(":")) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
                return mapped;
            }
            return address.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }
}
