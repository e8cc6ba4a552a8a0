package dev.switchboard.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Response bodies written straight to the response's stream. */
final class Responses {
    private Responses() {}

    /**
     * Sends {@code body} as the response. Javalin would copy a {@code result(...)} through a buffer of 32 KiB
     * allocated per response, which cost more than the rest of a health check; writing the bytes to its (possibly
     * compressing) output stream does the same without the copy. Call it last: the bytes are written now, not
     * replaced by a later result.
     */
    static void send(Context ctx, int status, String contentType, byte[] body) {
        ctx.status(status).contentType(contentType);
        try {
            ctx.outputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
