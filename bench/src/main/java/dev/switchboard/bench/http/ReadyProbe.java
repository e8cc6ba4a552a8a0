package dev.switchboard.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health/ready} on a plain socket: the status line and nothing more. Cheaper than an HTTP client, so that
 * polling every 5 ms while a server starts costs the start as little as possible, and nothing to load lazily that
 * would slow the first poll.
 */
final class ReadyProbe {
    private static final byte[] REQUEST = "GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MILLIS = 2_000;

    private ReadyProbe() {}

    /** Whether the server on {@code port} answers 200; false while it refuses connections or is not ready. */
    static boolean ready(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(REQUEST);
            out.flush();
            return isOk(statusLine(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isOk(String statusLine) {
        return statusLine.startsWith("HTTP/1.1 200") || statusLine.startsWith("HTTP/1.0 200");
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && line.length() < 200; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
