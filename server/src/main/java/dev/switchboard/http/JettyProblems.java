package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Problem details for the requests Jetty itself rejects before they reach the API (a malformed request line, bad
 * path encoding, oversized headers…), instead of its HTML error page. No stack trace, ever.
 */
final class JettyProblems extends ErrorHandler {
    private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE);

    /** Jetty writes error bodies for GET, POST and HEAD only; every method gets its problem document here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback)
            throws IOException {
        response.getHeaders().put(CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(status)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(CONTENT_TYPE);
        return ByteBuffer.wrap(body(status));
    }

    static byte[] body(int status) {
        String code = switch (status) {
            case 400 -> "malformed_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 417 -> "expectation_failed";
            case 426 -> "upgrade_required";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> "http_" + status;
        };
        ObjectNode problem = Json.object()
                .put("type", "urn:switchboard:problem:" + code)
                .put("title", "The request was rejected")
                .put("status", status)
                .put("detail", "the HTTP request could not be processed (" + status + ")")
                .put("code", code);
        return Json.bytes(problem);
    }
}
