package dev.switchboard.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The operator console's files (SPEC §7), read from the classpath once and served at {@code /console} with a strict
 * Content-Security-Policy (scripts, styles and connections to this origin only; no inline code, no framing), an
 * explicit UTF-8 charset (Arabic and Chinese), and an ETag so browsers revalidate rather than refetch.
 */
final class ConsoleAssets {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "i18n.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private record Asset(byte[] bytes, String type, String etag) {}

    private final Map<String, Asset> assets;

    ConsoleAssets() {
        java.util.HashMap<String, Asset> loaded = new java.util.HashMap<>();
        TYPES.forEach((name, type) -> {
            byte[] bytes = read(name);
            loaded.put(name, new Asset(bytes, type, "\"" + sha256(bytes).substring(0, 32) + "\""));
        });
        this.assets = Map.copyOf(loaded);
    }

    /** {@code GET /console} and {@code GET /console/}: the page. */
    void page(Context ctx) {
        serve(ctx, "index.html");
    }

    /** {@code GET /console/{file}}. */
    void file(Context ctx) {
        serve(ctx, ctx.pathParam("file"));
    }

    private void serve(Context ctx, String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            throw ApiProblem.notFound("console file");
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        Responses.send(ctx, 200, asset.type(), asset.bytes());
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console file missing from the build: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
