package dev.switchboard.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.EventType;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problems;
import dev.switchboard.input.WireEnum;
import dev.switchboard.webhook.Delivery;
import dev.switchboard.webhook.DeliveryState;
import dev.switchboard.webhook.Webhook;
import dev.switchboard.webhook.WebhookTargets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Webhook subscriptions and deliveries on the wire (SPEC §4, Appendix A): {@code PUT /v1/webhooks/{name}} bodies
 * validated with every problem's path, subscriptions shown without their secret except when created.
 */
public final class WebhookJson {
    /** Subscription names: they appear in URLs and delivery ids. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public static final int MAX_URL = 2_048;
    public static final int MAX_WORKFLOWS = 50;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> PUT_FIELDS = Set.of("url", "events", "workflows");

    private WebhookJson() {}

    /** A subscription as {@code PUT} gives it. */
    public record Subscription(String url, Set<EventType> events, Set<String> workflows) {}

    public static Subscription readPut(JsonNode json) throws InvalidInputException {
        Problems problems = new Problems();
        InputNode node = InputNode.root(json, problems);
        if (node.isMissing() || !json.isObject()) {
            node.problem("must be an object with url and events");
            problems.throwIfAny();
        }
        node.object(PUT_FIELDS);
        InputNode urlNode = node.get("url");
        String url = urlNode.string(true, MAX_URL);
        if (url != null) {
            WebhookTargets.problems(url).forEach(urlNode::problem);
        }
        InputNode eventsNode = node.get("events");
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        if (eventsNode.isMissing()) {
            eventsNode.problem("is required: the event types to deliver, e.g. [\"escalation.created\"]");
        }
        for (InputNode item : eventsNode.list(EventType.values().length * 2)) {
            String code = item.string(true, 64);
            if (code != null) {
                EventType.parse(code)
                        .ifPresentOrElse(events::add, () -> item.problem("must be one of: " + eventCodes()));
            }
        }
        if (!eventsNode.isMissing()
                && eventsNode.json().isArray()
                && eventsNode.json().isEmpty()) {
            eventsNode.problem("must name at least one event type");
        }
        Set<String> workflows = new LinkedHashSet<>();
        for (InputNode item : node.get("workflows").list(MAX_WORKFLOWS)) {
            String workflow = item.string(true, EscalationJson.MAX_NAME);
            if (workflow != null) {
                workflows.add(workflow);
            }
        }
        problems.throwIfAny();
        return new Subscription(url, events, workflows);
    }

    private static String eventCodes() {
        return Arrays.stream(EventType.values()).map(EventType::code).collect(Collectors.joining(", "));
    }

    /** {@code {name, url, events, workflows, created_at, updated_at}}, and {@code secret} when asked to show it. */
    public static ObjectNode write(Webhook webhook, boolean withSecret) {
        ObjectNode json = NODES.objectNode().put("name", webhook.name()).put("url", webhook.url());
        ArrayNode events = json.putArray("events");
        webhook.events().stream().map(EventType::code).sorted().forEach(events::add);
        ArrayNode workflows = json.putArray("workflows");
        webhook.workflows().stream().sorted().forEach(workflows::add);
        if (withSecret) {
            json.put("secret", webhook.secret());
        }
        return json.put("created_at", time(webhook.createdAt())).put("updated_at", time(webhook.updatedAt()));
    }

    /** A delivery attempt record: {@code next_attempt_at} only while it is pending. */
    public static ObjectNode write(Delivery delivery) {
        return NODES.objectNode()
                .put("id", delivery.id())
                .put("event_id", delivery.eventId())
                .put("event_type", delivery.eventType().code())
                .put("escalation_id", delivery.escalationId())
                .put("state", WireEnum.code(delivery.state()))
                .put("attempts", delivery.attempts())
                .put("last_status", delivery.lastStatus())
                .put("last_error", delivery.lastError())
                .put(
                        "next_attempt_at",
                        delivery.state() == DeliveryState.PENDING ? time(delivery.nextAttemptAt()) : null)
                .put("give_up_at", time(delivery.giveUpAt()))
                .put("created_at", time(delivery.createdAt()))
                .put("updated_at", time(delivery.updatedAt()));
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
