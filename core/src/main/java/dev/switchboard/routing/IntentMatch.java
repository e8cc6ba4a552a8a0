package dev.switchboard.routing;

import java.util.List;

/** The intent an upstream classifier matched, with how to answer it. All fields but the response type optional. */
public record IntentMatch(
        String intentId,
        String intentName,
        Double confidence,
        ResponseType responseType,
        String flowId,
        String fixedReply,
        String transferMessage,
        List<String> targetKbIds) {
    public IntentMatch {
        responseType = responseType == null ? ResponseType.AGENT : responseType;
        targetKbIds = targetKbIds == null ? List.of() : List.copyOf(targetKbIds);
    }
}
