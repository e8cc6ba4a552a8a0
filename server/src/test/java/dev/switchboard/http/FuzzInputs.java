package dev.switchboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Inputs for {@link FuzzTest}: a valid body per route, edge values, one- and two-field mutations of valid bodies,
 * syntactically broken JSON, random policy documents (JSON and YAML) and CEL conditions. Everything is drawn from the
 * {@link Random} passed in, so a seed replays the same inputs.
 */
final class FuzzInputs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Writes every non-ASCII character as a {@code \\uXXXX} escape, so lone surrogates survive into the body. */
    private static final ObjectMapper JSON_ESCAPED =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final YAMLMapper YAML = new YAMLMapper();

    private FuzzInputs() {}

    // ---------------------------------------------------------------------------------------------------------------
    // Valid bodies, one per body-taking route (read from the handlers, RouteRequestJson, PolicyReader, PolicyTests).

    static final String VALID_POLICY = """
            {
              "low_confidence_threshold": 0.4,
              "scenarios": [
                {"id": "refund", "mode": "transfer",
                 "keywords": {"en": ["refund*", "money back"], "ar": ["استرداد"], "zh": ["退款"]},
                 "exclude": {"en": ["refund policy"]}},
                {"id": "complaint_escalation", "mode": "micro_flow",
                 "keywords": {"en": ["complaint"], "zh": ["投诉"]}}
              ],
              "rules": [
                {"id": "vip", "stage": "before_keywords", "when": "has(context.tier) && context.tier == 'vip'",
                 "mode": "transfer", "reason": "vip_customer",
                 "message": {"en": "Connecting you to your manager", "ar": "جارٍ تحويلك", "zh": "正在为您转接"}},
                {"id": "long_message", "stage": "after_keywords", "when": "size(message) > 500",
                 "mode": "micro_flow", "reason": "long_message", "flow_id": "long_flow"},
                {"id": "greeting", "when": "locale == 'zh' && session.mode == 'bot_active'", "mode": "fixed",
                 "message": {"zh": "您好"}}
              ],
              "messages": {
                "transfer": {"en": "Transferring you", "ar": "جارٍ تحويلك", "zh": "正在转接"},
                "transfer_refund": {"en": "A person will handle your refund"}
              },
              "transfer": {"create_escalation": true, "priority": "high", "release_session_on_resolve": false},
              "decision_log": {"full_text": false}
            }""";

    private static final String VALID_ROUTE = """
            {
              "message": "I want a refund for my order 退款",
              "session_id": "s-1",
              "session_mode": "bot_active",
              "locale": "en",
              "feature_flags": {"agent_enabled": true, "rollback_to_legacy": false},
              "intent_match": {"intent_id": "i-1", "intent_name": "refund_request", "confidence": 0.9,
                "response_type": "flow", "flow_id": "refund_flow", "fixed_reply": "We will help",
                "transfer_message": "One moment", "target_kb_ids": ["kb-1", "kb-2"]},
              "intent_hint": {"intent": "refund_request", "confidence": 0.8, "suggested_mode": "micro_flow",
                "high_risk_detected": false, "fallback_reason_code": "hint_low", "target_flow_id": "hint_flow"},
              "high_risk_check": {"matched": false, "risk_scenario": "refund", "rule_id": "upstream_rule",
                "recommended_mode": "transfer"},
              "context": {"tier": "gold", "amount": 150000, "tags": ["new", "mobile"], "nested": {"a": {"b": 1}}}
            }""";

    private static final String VALID_TEST_CASES = """
            [
              {"name": "refund", "input": {"message": "I want a refund", "locale": "en"},
               "expect": {"mode": "transfer", "decided_by": "high_risk_keyword", "risk_scenario": "refund",
                          "high_risk_triggered": true}},
              {"name": "intent", "input": {"message": "hello there", "session_id": "t-1",
                 "intent_match": {"intent_name": "refund_request", "confidence": 0.9, "response_type": "flow",
                                  "flow_id": "refund_flow"},
                 "context": {"amount": 3}},
               "expect": {"mode": "micro_flow", "reason_code": "intent_flow", "intent": "refund_request",
                          "confidence": 0.9, "target_flow_id": "refund_flow", "fixed_reply": null,
                          "transfer_message": null, "locale": "en", "policy_version": 0}}
            ]""";

    static ObjectNode validPolicy() {
        return (ObjectNode) parse(VALID_POLICY);
    }

    /** A full route request; the session id is fresh so that sessions are registered and handed off. */
    static ObjectNode validRoute(String sessionId) {
        ObjectNode route = (ObjectNode) parse(VALID_ROUTE);
        route.put("session_id", sessionId);
        return route;
    }

    static ObjectNode validPolicyTest() {
        ObjectNode body = NODES.objectNode();
        body.set("policy", validPolicy());
        body.set("cases", parse(VALID_TEST_CASES));
        return body;
    }

    static ObjectNode validTenant(String id) {
        return NODES.objectNode()
                .put("id", id)
                .put("name", "Fuzz 商店 متجر 😀")
                .put("default_locale", "ar")
                .put("timezone", "Asia/Riyadh");
    }

    private static final String VALID_ESCALATION = """
            {
              "title": "Refund above the limit",
              "title_ar": "استرداد فوق الحد",
              "entity_type": "order",
              "entity_id": "o-1",
              "workflow_name": "refunds",
              "failed_step": "approve",
              "reason": "high_value_deal",
              "missing_data": ["receipt", "iban"],
              "priority": "high",
              "risk_if_delayed": "the customer leaves",
              "risk_if_delayed_ar": "يغادر العميل",
              "suggested_action": "approve the refund",
              "suggested_action_ar": "وافق على الاسترداد",
              "confidence": 0.42,
              "target_role": "billing",
              "session_id": "s-esc",
              "artifacts": [{"type": "note", "name": "chat", "content": "客户要求退款 العميل"},
                            {"type": "link", "name": "order", "url": "https://shop.example/o/1"}],
              "i18n": {"zh": {"title": "超额退款", "suggested_action": "批准退款", "risk_if_delayed": "客户流失"}}
            }""";

    /** A create body with every field of the packet (SPEC §3.1). */
    static ObjectNode validEscalation() {
        return (ObjectNode) parse(VALID_ESCALATION);
    }

    /** An auto-escalation context that matches two default rules (high-value deal, low confidence). */
    static ObjectNode validAuto(String entityId) {
        ObjectNode body = NODES.objectNode();
        body.putObject("context")
                .put("entity_type", "order")
                .put("entity_id", entityId)
                .put("workflow_name", "refunds")
                .put("current_step", "approve")
                .put("confidence", 0.2)
                .put("deal_value_sar", 150_000)
                .put("days_since_last_response", 2.5)
                .putArray("tags")
                .add("vip");
        return body;
    }

    static ObjectNode validAssign() {
        return NODES.objectNode().put("force", false);
    }

    static ObjectNode validResolve() {
        ObjectNode body =
                NODES.objectNode().put("action_taken", "refund_approved").put("notes", "تمت الموافقة 已批准");
        body.putObject("override_data").put("amount", 90).put("currency", "SAR");
        return body.put("resume_workflow", true);
    }

    static ObjectNode validCancel() {
        return NODES.objectNode().put("reason", "customer withdrew");
    }

    /** A subscription to a closed local port: deliveries stay pending (the fuzzing server allows private targets). */
    static ObjectNode validWebhook() {
        ObjectNode body = NODES.objectNode().put("url", "http://127.0.0.1:9/hooks");
        body.putArray("events")
                .add("escalation.created")
                .add("escalation.resume_requested")
                .add("policy.updated");
        body.putArray("workflows");
        return body;
    }

    /** The empty object that unassign, resume, expire-overdue and pull resume accept. */
    static ObjectNode empty() {
        return NODES.objectNode();
    }

    static ObjectNode validKey() {
        return NODES.objectNode().put("role", "operator").put("name", "fuzz key");
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Serialization.

    /** JSON bytes: half the time with every non-ASCII character escaped (keeps lone surrogates), else plain UTF-8. */
    static byte[] json(JsonNode node, Random random) {
        return random.nextBoolean() ? jsonEscaped(node) : jsonPlain(node);
    }

    static byte[] jsonPlain(JsonNode node) {
        return write(JSON, node).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jsonEscaped(JsonNode node) {
        return write(JSON_ESCAPED, node).getBytes(StandardCharsets.US_ASCII);
    }

    static String yaml(JsonNode node) {
        return write(YAML, node);
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Strings and values.

    /** Strings that have tripped up parsers, normalizers, enums, regular expressions and stores. */
    static final List<String> STRINGS = List.of(
            "",
            " ",
            "\t",
            "a",
            "null",
            "true",
            "0",
            "-1",
            "1e309",
            "NaN",
            "refund",
            "REFUND",
            "refund*",
            "*",
            "**",
            "refund*x",
            "استرداد المبلغ",
            "أُرِيدُ",
            "ـــ",
            "\u064B\u064C\u0652",
            "退款",
            "投訴",
            "人工智能",
            "😀",
            "👨‍👩‍👧‍👦",
            "🇸🇦",
            "e\u0301",
            "\u0301",
            "\u200B",
            "\u200D",
            "\uFEFF",
            "\u202Etransfer",
            "\uFFFD",
            "\uFFFF",
            "\u0000",
            "\u0001\u001F\u007F",
            "a\nb\r\nc",
            "\u2028\u2029",
            "ＲＥＦＵＮＤ",
            "ﬁxed",
            "İ",
            "ı",
            "ß",
            "ǅ",
            "../../etc/passwd",
            "' OR '1'='1",
            "\"; DROP TABLE tenants; --",
            "%00",
            "%s%n",
            "{{7*7}}",
            "${jndi:ldap://x}",
            "<script>alert(1)</script>",
            "admın",
            "AGENT",
            "Transfer",
            "micro-flow",
            "MICRO_FLOW",
            "transfer ",
            " transfer",
            "trans\u0000fer",
            "ａｇｅｎｔ",
            "Asia/Riyadh",
            "UTC",
            "Etc/GMT+14",
            "+25:00",
            "Mars/Olympus",
            "../zoneinfo",
            "2026-11-21T08:00:00Z",
            "\ud800",
            "\udc00",
            "a\ud83d");

    /** A random string: from {@link #STRINGS}, random Unicode (any script, marks, controls, lone surrogates), long. */
    static String string(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> pick(random, STRINGS);
            case 4, 5, 6, 7 -> unicode(random, 1 + random.nextInt(40));
            case 8 ->
                pick(random, "x", "é", "退", "ا", "😀").repeat(pick(random, 63, 64, 65, 199, 200, 201, 4_001, 32_001));
            default -> "a".repeat(pick(random, 100_000, 120_000));
        };
    }

    private static final int[][] RANGES = {
        {0x20, 0x7E}, // ASCII
        {0x20, 0x7E},
        {0x00, 0x1F}, // controls
        {0x7F, 0x9F},
        {0xA0, 0x24F}, // Latin-1, Latin Extended
        {0x300, 0x36F}, // combining marks
        {0x600, 0x6FF}, // Arabic, with diacritics and tatweel
        {0x600, 0x6FF},
        {0xFB50, 0xFDFF}, // Arabic presentation forms
        {0xFE70, 0xFEFF},
        {0x4E00, 0x9FFF}, // CJK
        {0x4E00, 0x9FFF},
        {0xF900, 0xFAFF}, // CJK compatibility
        {0xFF00, 0xFFEF}, // half- and fullwidth
        {0x3040, 0x30FF}, // kana
        {0xAC00, 0xD7A3}, // Hangul
        {0x0900, 0x097F}, // Devanagari
        {0x2000, 0x206F}, // general punctuation, bidi controls, zero-width
        {0xFE00, 0xFE0F}, // variation selectors
        {0xD800, 0xDFFF}, // lone surrogates
        {0xE000, 0xE0FF}, // private use
        {0xFFF0, 0xFFFF}, // specials, non-characters
        {0x1F300, 0x1FAFF}, // emoji
        {0x1F1E6, 0x1F1FF}, // regional indicators
        {0x1D400, 0x1D7FF}, // mathematical alphanumerics (NFKC folds them)
        {0x20000, 0x2A6DF}, // CJK extension B
        {0xE0000, 0xE007F}, // tags
    };

    static String unicode(Random random, int length) {
        StringBuilder text = new StringBuilder(length * 2);
        int[] range = RANGES[random.nextInt(RANGES.length)];
        for (int i = 0; i < length; i++) {
            if (random.nextInt(4) == 0) {
                range = RANGES[random.nextInt(RANGES.length)];
            }
            int codePoint = range[0] + random.nextInt(range[1] - range[0] + 1);
            if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                text.append((char) codePoint);
            } else {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** Values for a systematic sweep: each is put in every field of a valid body, one at a time. */
    static List<JsonNode> sweepValues() {
        return List.of(
                NODES.nullNode(),
                NODES.booleanNode(true),
                NODES.numberNode(new BigDecimal("1e309")),
                NODES.numberNode(new BigDecimal("-1e309")),
                NODES.numberNode(-1),
                NODES.numberNode(new BigInteger("99999999999999999999999")),
                NODES.textNode(""),
                NODES.textNode("a".repeat(100_000)),
                NODES.textNode("ＴＲＡＮＳＦＥＲ\u0000\ud800"),
                NODES.arrayNode(),
                NODES.objectNode().put("unknown", 1));
    }

    /** A random JSON value of any type, with the edge numbers, strings, arrays and objects. */
    static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 8 : 12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2, 3 -> number(random);
            case 4, 5, 6, 7 -> NODES.textNode(string(random));
            case 8 -> {
                ArrayNode array = NODES.arrayNode();
                int size = pick(random, 0, 1, 2, 3, 101, 1_001, 10_001);
                JsonNode element = size > 3 ? small(random) : null;
                for (int i = 0; i < size; i++) {
                    array.add(element != null ? element : value(random, depth + 1));
                }
                yield array;
            }
            case 9 -> {
                ObjectNode object = NODES.objectNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    object.set(fieldName(random), value(random, depth + 1));
                }
                yield object;
            }
            case 10 -> nested(random, pick(random, 31, 32, 33, 62, 63, 64, 65));
            default -> NODES.textNode(pick(random, STRINGS));
        };
    }

    /** A value that stays small when repeated ten thousand times. */
    static JsonNode small(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> number(random);
            case 1 -> NODES.textNode(unicode(random, 1 + random.nextInt(6)));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.nullNode();
        };
    }

    static JsonNode number(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.numberNode(0);
            case 1 -> NODES.numberNode(-1);
            case 2 -> NODES.numberNode(1);
            case 3 -> NODES.numberNode(0.5);
            case 4 -> NODES.numberNode(1.0000001);
            case 5 -> NODES.numberNode(new BigDecimal("1e309"));
            case 6 -> NODES.numberNode(new BigDecimal("-1e309"));
            case 7 -> NODES.numberNode(new BigDecimal("1e-400"));
            case 8 -> NODES.numberNode(Long.MAX_VALUE);
            case 9 -> NODES.numberNode(new BigInteger("9223372036854775808"));
            case 10 -> NODES.numberNode(new BigInteger("1" + "0".repeat(60)));
            case 11 -> NODES.numberNode(Integer.MIN_VALUE);
            case 12 -> NODES.numberNode(4.9e-324);
            default -> NODES.numberNode(random.nextGaussian() * 1e6);
        };
    }

    /** {@code {"a": {"a": ...}}} or {@code [[...]]}, {@code levels} deep. */
    static JsonNode nested(Random random, int levels) {
        boolean arrays = random.nextBoolean();
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < levels - 1; i++) {
            node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
        }
        return node;
    }

    static String fieldName(Random random) {
        return pick(
                random,
                "unknown",
                "Message",
                "MESSAGE",
                "message ",
                " message",
                "méssage",
                "__proto__",
                "constructor",
                "",
                "$where",
                "a.b",
                "[0]",
                "😀",
                "\u0000",
                "\ud800",
                "x".repeat(10_000),
                unicode(random, 5));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mutations of valid bodies.

    /** Where a value sits: a field of an object or an element of an array. */
    record Location(ContainerNode<?> parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        String path() {
            return field != null ? field : "[" + index + "]";
        }
    }

    /** Every value position of a tree, parents before children. */
    static List<Location> locations(JsonNode root) {
        List<Location> locations = new ArrayList<>();
        collect(root, locations);
        return locations;
    }

    private static void collect(JsonNode node, List<Location> into) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(e -> names.add(e.getKey()));
            for (String name : names) {
                into.add(new Location(object, name, -1));
                collect(object.get(name), into);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                into.add(new Location(array, null, i));
                collect(array.get(i), into);
            }
        }
    }

    /** The field paths of a tree (for sweep summaries), in {@link #locations} order. */
    static List<String> paths(JsonNode root) {
        List<String> paths = new ArrayList<>();
        collectPaths(root, "", paths);
        return paths;
    }

    private static void collectPaths(JsonNode node, String prefix, List<String> into) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                into.add(path);
                collectPaths(object.get(name), path, into);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String path = prefix + "[" + i + "]";
                into.add(path);
                collectPaths(array.get(i), path, into);
            }
        }
    }

    /** A copy of {@code valid} with one or two random changes; {@code applied} receives what was done. */
    static JsonNode mutate(JsonNode valid, Random random, List<String> applied) {
        JsonNode root = valid.deepCopy();
        int changes = random.nextInt(3) == 0 ? 2 : 1;
        for (int c = 0; c < changes; c++) {
            List<Location> locations = locations(root);
            List<String> paths = paths(root);
            if (locations.isEmpty()) {
                break;
            }
            int at = random.nextInt(locations.size());
            Location location = locations.get(at);
            String path = paths.get(at);
            JsonNode current = location.get();
            switch (random.nextInt(12)) {
                case 0, 1, 2, 3 -> {
                    JsonNode value = value(random, 0);
                    location.set(value);
                    applied.add(path + " = " + FuzzTest.preview(value.toString(), 60));
                }
                case 4 -> {
                    location.remove();
                    applied.add("remove " + path);
                }
                case 5 -> {
                    ObjectNode object = objectNear(root, locations, random);
                    String name = fieldName(random);
                    object.set(name, value(random, 1));
                    applied.add("add unknown field " + FuzzTest.preview(name, 30));
                }
                case 6 -> {
                    if (location.field() != null) {
                        ObjectNode parent = (ObjectNode) location.parent();
                        parent.remove(location.field());
                        String name = oddCase(location.field(), random);
                        parent.set(name, current);
                        applied.add("rename " + path + " -> " + FuzzTest.preview(name, 30));
                    } else {
                        ((ArrayNode) location.parent()).insert(location.index(), value(random, 1));
                        applied.add("insert before " + path);
                    }
                }
                case 7, 8 -> {
                    String text = current.isTextual() ? current.textValue() : current.toString();
                    String odd = oddCase(text, random);
                    location.set(NODES.textNode(odd));
                    applied.add(path + " = \"" + FuzzTest.preview(odd, 40) + "\"");
                }
                case 9 -> {
                    JsonNode wrapped = random.nextBoolean()
                            ? NODES.arrayNode().add(current)
                            : NODES.objectNode().set("value", current);
                    location.set(wrapped);
                    applied.add("wrap " + path);
                }
                case 10 -> {
                    ArrayNode many = NODES.arrayNode();
                    int size = pick(random, 100, 101, 201, 10_001);
                    for (int i = 0; i < size; i++) {
                        boolean big =
                                current.isContainerNode() || current.toString().length() > 100;
                        many.add(big ? NODES.textNode("k" + i) : current);
                    }
                    location.set(many);
                    applied.add(path + " = [" + size + " copies]");
                }
                default -> {
                    String text = current.isTextual() ? current.textValue() : current.toString();
                    int times = Math.max(1, pick(random, 4_001, 32_001, 100_000) / Math.max(1, text.length()));
                    location.set(NODES.textNode(text.repeat(times)));
                    applied.add(path + " repeated " + times + "x");
                }
            }
        }
        return root;
    }

    private static ObjectNode objectNear(JsonNode root, List<Location> locations, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        if (root instanceof ObjectNode object) {
            objects.add(object);
        }
        for (Location location : locations) {
            if (location.get() instanceof ObjectNode object) {
                objects.add(object);
            }
        }
        return objects.isEmpty() ? NODES.objectNode() : pick(random, objects);
    }

    /** An enum code or name in another case, with spaces, look-alike letters, separators or a NUL. */
    static String oddCase(String text, Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> text.toUpperCase(Locale.ROOT);
            case 1 -> text.isEmpty() ? "X" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
            case 2 -> " " + text + " ";
            case 3 -> text.replace('i', 'ı').replace('I', 'İ');
            case 4 -> fullwidth(text);
            case 5 -> text.replace('_', '-');
            case 6 -> text + "\u0000";
            case 7 -> text.replace("s", "ſ").replace("k", "\u212A");
            case 8 -> "";
            case 9 -> text + "\u200B";
            case 10 -> new StringBuilder(text).reverse().toString();
            default -> unicode(random, 1 + random.nextInt(12));
        };
    }

    private static String fullwidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Syntactically broken bodies.

    /** A named broken body. */
    record Body(String what, byte[] bytes) {}

    private static final String[][] BAD_SEQUENCES = {
        {"lone continuation byte", "80"},
        {"0xFF", "ff"},
        {"0xFE 0xFF", "feff"},
        {"overlong '/'", "c0af"},
        {"overlong NUL", "c080"},
        {"overlong 3-byte '/'", "e080af"},
        {"overlong 4-byte", "f08080af"},
        {"UTF-8 encoded high surrogate", "eda080"},
        {"UTF-8 encoded low surrogate", "edb080"},
        {"UTF-8 encoded surrogate pair", "eda0bdedb880"},
        {"above U+10FFFF", "f4908080"},
        {"5-byte form", "f888808080"},
        {"6-byte form", "fc8480808080"},
        {"truncated 3-byte", "e4b8"},
        {"truncated 4-byte", "f09f98"},
        {"latin-1 e-acute", "e9"},
    };

    /** A broken variant of {@code valid}: bad syntax, bad encoding, depth, duplicates, non-JSON numbers and more. */
    static Body malformed(JsonNode valid, Random random) {
        String text = new String(jsonPlain(valid), StandardCharsets.UTF_8);
        String firstKey =
                valid.isObject() && valid.size() > 0 ? valid.fieldNames().next() : "message";
        int kind = random.nextInt(30);
        return switch (kind) {
            case 0 -> {
                int cut = random.nextInt(Math.max(1, text.length()));
                yield body("truncated at " + cut, text.substring(0, cut));
            }
            case 1 -> {
                String garbage = pick(random, "x", "}", "]", ",", "{}", "\u0000", " true", "\n{\"a\":1}", "/", "\"");
                yield body("trailing " + FuzzTest.preview(garbage, 10), text + garbage);
            }
            case 2 -> body("extra opening bracket", pick(random, "{", "[", "[{") + text);
            case 3 ->
                body("missing closing bracket", text.substring(0, text.lastIndexOf(text.charAt(text.length() - 1))));
            case 4 -> {
                int at = text.indexOf(']');
                yield body(
                        "unbalanced ] removed", at < 0 ? text + "]" : text.substring(0, at) + text.substring(at + 1));
            }
            case 5 -> body("duplicate key " + firstKey, "{\"" + firstKey + "\": 1, " + text.substring(1));
            case 6 -> body("duplicate key nested", text.replaceFirst("\\{\"([^\"]+)\":", "{\"$1\": null, \"$1\":"));
            case 7 -> {
                String token =
                        pick(random, "NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1e", "--1");
                yield body("number " + token, "{\"" + firstKey + "\": " + token + "," + text.substring(1));
            }
            case 8 -> body("block comment", "/* comment */" + text);
            case 9 -> body("line comment", "// comment\n" + text);
            case 10 -> body("hash comment", "# comment\n" + text);
            case 11 -> body("single quotes", text.replace('"', '\''));
            case 12 -> body("unquoted keys", text.replaceAll("\"([a-z_]+)\":", "$1:"));
            case 13 -> body("trailing comma", text.substring(0, text.length() - 1) + ",}");
            case 14 -> {
                int levels = pick(random, 65, 100, 1_000, 10_000, 100_000);
                boolean closed = random.nextBoolean();
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                yield body(
                        "nesting " + levels + (closed ? "" : " unclosed"),
                        open.repeat(levels) + "1" + (closed ? close.repeat(levels) : ""));
            }
            case 15 -> {
                int levels = pick(random, 33, 60, 63, 64, 65, 200, 5_000);
                String deep = "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
                yield body(
                        "nesting " + levels + " in " + firstKey,
                        "{\"" + firstKey + "\": " + deep + "," + text.substring(1));
            }
            case 16 -> {
                String[] bad = pick(random, BAD_SEQUENCES);
                yield new Body("invalid UTF-8: " + bad[0], insideFirstString(text, hex(bad[1])));
            }
            case 17 -> {
                String escape = pick(
                        random,
                        "\\ud800",
                        "\\udc00",
                        "\\ud800\\u0041",
                        "\\udbff\\udbff",
                        "\\ud83d",
                        "\\u0000",
                        "\\uFFFF");
                yield body("escape " + escape, text.replaceFirst(":\\s*\"", ": \"" + Matcher.quoteReplacement(escape)));
            }
            case 18 ->
                body(
                        "bad escape",
                        text.replaceFirst(
                                ":\\s*\"",
                                ": \"" + Matcher.quoteReplacement(pick(random, "\\x41", "\\u12", "\\q", "\\"))));
            case 19 -> {
                byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                yield new Body("UTF-8 BOM", concat(bom, utf8(text)));
            }
            case 20 -> {
                Charset charset =
                        pick(random, StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, Charset.forName("UTF-32"));
                yield new Body(charset.name() + " body", text.getBytes(charset));
            }
            case 21 -> {
                Charset latin = StandardCharsets.ISO_8859_1;
                yield new Body("latin-1 body", "{\"name\": \"café ñ\", \"message\": \"é\"}".getBytes(latin));
            }
            case 22 -> body("scalar", pick(random, "null", "[]", "\"text\"", "0", "true", "  ", "\n", "{}", "[{}]"));
            case 23 -> {
                byte[] bytes = new byte[pick(random, 1, 7, 100, 4_096)];
                random.nextBytes(bytes);
                yield new Body("random bytes " + bytes.length, bytes);
            }
            case 24 -> {
                char control = (char) random.nextInt(0x20);
                yield body(
                        "raw control U+" + Integer.toHexString(control),
                        text.replaceFirst(":\\s*\"", ": \"" + control));
            }
            case 25 -> body("long number", "{\"" + firstKey + "\": " + "9".repeat(pick(random, 100, 101, 1_000)) + "}");
            case 26 -> {
                StringBuilder many = new StringBuilder("{");
                int fields = pick(random, 1_000, 10_000);
                for (int i = 0; i < fields; i++) {
                    many.append(i == 0 ? "" : ",")
                            .append("\"f")
                            .append(i)
                            .append("\":")
                            .append(i);
                }
                yield body(fields + " fields", many.append('}').toString());
            }
            case 27 ->
                body(
                        "string over max length",
                        "{\"" + firstKey + "\": \"" + "a".repeat(pick(random, 200_000, 262_000, 300_000)) + "\"}");
            case 28 -> body("empty", "");
            default -> body("YAML instead of JSON", yaml(valid));
        };
    }

    private static Body body(String what, String text) {
        return new Body(what, utf8(text));
    }

    private static byte[] insideFirstString(String text, byte[] bad) {
        int at = text.indexOf(":\"");
        if (at < 0) {
            at = text.indexOf("\"");
        } else {
            at += 2;
        }
        byte[] before = utf8(text.substring(0, Math.max(0, at)));
        byte[] after = utf8(text.substring(Math.max(0, at)));
        return concat(concat(before, bad), after);
    }

    static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Policies with random structure, in JSON or YAML, and CEL conditions.

    /** A policy with random sections, random scenarios, keywords, rules and messages; often invalid. */
    static ObjectNode randomPolicy(Random random) {
        ObjectNode policy = NODES.objectNode();
        if (random.nextInt(3) > 0) {
            policy.set("low_confidence_threshold", random.nextBoolean() ? number(random) : NODES.numberNode(0.3));
        }
        List<String> scenarioIds = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            ArrayNode scenarios = policy.putArray("scenarios");
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                String id = scenarioId(random);
                scenarioIds.add(id);
                ObjectNode scenario = scenarios.addObject().put("id", id);
                if (random.nextBoolean()) {
                    scenario.put("mode", enumCode(random, "transfer", "micro_flow", "agent", "fixed"));
                }
                if (random.nextInt(5) > 0) {
                    scenario.set("keywords", keywords(random));
                }
                if (random.nextBoolean()) {
                    scenario.set("exclude", keywords(random));
                }
            }
        }
        if (random.nextInt(4) > 0) {
            ArrayNode rules = policy.putArray("rules");
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                ObjectNode rule = rules.addObject().put("id", random.nextInt(5) > 0 ? "rule_" + i : scenarioId(random));
                if (random.nextBoolean()) {
                    rule.put("stage", enumCode(random, "before_keywords", "after_keywords"));
                }
                rule.put("when", cel(random));
                String mode = enumCode(random, "transfer", "micro_flow", "agent", "fixed");
                rule.put("mode", mode);
                if (random.nextBoolean()) {
                    rule.put("reason", random.nextInt(4) > 0 ? "reason_" + i : string(random));
                }
                if (random.nextInt(3) == 0) {
                    rule.put("flow_id", random.nextInt(3) > 0 ? "flow_" + i : string(random));
                }
                if (random.nextInt(3) == 0) {
                    rule.set("message", localized(random));
                }
            }
        }
        if (random.nextBoolean()) {
            ObjectNode messages = policy.putObject("messages");
            messages.set("transfer", localized(random));
            for (String id : scenarioIds) {
                if (random.nextBoolean()) {
                    messages.set("transfer_" + id, localized(random));
                }
            }
            if (random.nextInt(4) == 0) {
                messages.set(string(random), localized(random));
            }
        }
        if (random.nextBoolean()) {
            policy.putObject("transfer")
                    .put("create_escalation", random.nextBoolean())
                    .put("priority", enumCode(random, "critical", "high", "medium", "low"))
                    .put("release_session_on_resolve", random.nextBoolean());
        }
        if (random.nextBoolean()) {
            policy.putObject("decision_log").put("full_text", random.nextBoolean());
        }
        if (random.nextInt(6) == 0) {
            policy.set(fieldName(random), value(random, 1));
        }
        return policy;
    }

    private static String scenarioId(Random random) {
        return random.nextInt(4) > 0
                ? pick(random, "refund", "complaint_escalation", "fraud", "legal_threat", "s" + random.nextInt(100))
                : pick(random, "Refund", "1abc", "a-b", "", "a".repeat(65), "退款", "_x", "a b", unicode(random, 4));
    }

    private static String enumCode(Random random, String... codes) {
        String code = pick(random, codes);
        return random.nextInt(4) > 0 ? code : oddCase(code, random);
    }

    private static ObjectNode keywords(Random random) {
        ObjectNode byLanguage = NODES.objectNode();
        int languages = 1 + random.nextInt(3);
        for (int l = 0; l < languages; l++) {
            String language =
                    random.nextInt(6) > 0 ? pick(random, "en", "ar", "zh") : pick(random, "EN", "fr", "", "zh-TW");
            ArrayNode words = byLanguage.putArray(language);
            int count = random.nextInt(20) == 0 ? pick(random, 1_000, 10_000) : random.nextInt(6);
            for (int i = 0; i < count; i++) {
                words.add(keyword(random, language));
            }
        }
        return byLanguage;
    }

    private static String keyword(Random random, String language) {
        String word = switch (random.nextInt(6)) {
            case 0 -> pick(random, STRINGS);
            case 1, 2 -> unicode(random, 1 + random.nextInt(8));
            default ->
                switch (language) {
                    case "ar" -> pick(random, "استرداد", "شكوى", "مدير", "احتيال", "ـاسترداد", "أُرِيدُ");
                    case "zh" -> pick(random, "退款", "投訴", "人工", "經理", "举报");
                    default -> pick(random, "refund", "money back", "complaint", "lawyer", "fraud", "charge-back");
                };
        };
        return switch (random.nextInt(8)) {
            case 0 -> word + "*";
            case 1 -> "*" + word;
            case 2 -> word.length() > 1 ? word.charAt(0) + "*" + word.substring(1) : word;
            default -> word;
        };
    }

    private static JsonNode localized(Random random) {
        if (random.nextInt(8) == 0) {
            return value(random, 1);
        }
        ObjectNode text = NODES.objectNode();
        for (String language : List.of("en", "ar", "zh")) {
            if (random.nextBoolean()) {
                text.put(language, random.nextInt(3) > 0 ? "Please hold " + language : string(random));
            }
        }
        if (random.nextInt(6) == 0) {
            text.put(pick(random, "fr", "EN", ""), "text");
        }
        return text;
    }

    private static final List<String> CEL_ATOMS = List.of(
            "true",
            "false",
            "message.contains('refund')",
            "size(message) > 10",
            "locale == 'ar'",
            "context.amount > 100000",
            "has(context.tier)",
            "context.tier == 'vip'",
            "'vip' in context.tags",
            "session.mode == 'human_active'",
            "intent_match.confidence < 0.5",
            "feature_flags.agent_enabled",
            "message.matches('^[a-z]+$')",
            "message.matches('(a+)+$')",
            "message.matches('[')",
            "message.startsWith('退')",
            "int(context.n) / 0 > 1",
            "context.x.y.z == 1",
            "high_risk_check.matched == true",
            "double(context.amount) > 1.5",
            "[1, 2, 3].exists(x, x > 2)",
            "context.tags.all(t, t != '')",
            "timestamp(context.t) > timestamp('2020-01-01T00:00:00Z')",
            "duration(context.d) > duration('1s')",
            "string(context.amount) == '1'",
            "context.amount + 9223372036854775807 > 0",
            "9223372036854775807 + 1 > 0",
            "context['amount'] >= 150000.0",
            "intent_hint.suggested_mode == 'fixed'",
            "message.size() > 1 ? true : false",
            "locale in ['en', 'ar', 'zh']",
            "message.lowerAscii() == 'hi'",
            "bytes(message).size() > 3",
            "dyn(context.amount) == 150000",
            "type(context.amount) == int");

    private static final List<String> CEL_BROKEN = List.of(
            "",
            " ",
            "((",
            ")",
            "message ==",
            "'unterminated",
            "context.",
            "1 +",
            "&&",
            "message.contains(",
            "message == 1",
            "size(message)",
            "undefined_variable == 1",
            "message.noSuchMethod()",
            "\u0000",
            "😀 == 😀",
            "message == \"\\x\"",
            "b'\\xff' == b''",
            "1 ? 2 : 3",
            "context.amount > 'x' && context.amount < 1",
            "has(message)",
            "{'a': 1, 'a': 2}.size() > 0",
            "[1, 'a'] == [1]",
            "message.matches(context.tier)",
            "true; false",
            "/* comment */ true",
            "`true`",
            "message === 'x'",
            "message =~ 'x'",
            "int('abc') > 0",
            "1 / 0 == 1",
            "null.x == 1");

    /** A CEL condition: valid, runtime-failing, broken, huge or deeply nested. */
    static String cel(Random random) {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> pick(random, CEL_ATOMS);
            case 3, 4 -> {
                String expression = pick(random, CEL_ATOMS);
                int terms = random.nextInt(4);
                for (int i = 0; i < terms; i++) {
                    expression = pick(random, "(", "!(") + expression + ")" + pick(random, " && ", " || ")
                            + pick(random, CEL_ATOMS);
                }
                yield expression;
            }
            case 5, 6 -> pick(random, CEL_BROKEN);
            case 7 -> {
                int depth = pick(random, 200, 249, 250, 251, 1_000, 1_999);
                yield "(".repeat(depth) + "true" + ")".repeat(depth);
            }
            case 8 -> pick(random, "!", "-").repeat(pick(random, 101, 1_000, 3_990)) + pick(random, "true", "1 == 1");
            case 9 -> {
                String literal = "message == '" + "a".repeat(pick(random, 3_980, 3_990, 4_000)) + "'";
                yield literal;
            }
            case 10 -> {
                StringBuilder list = new StringBuilder("[");
                int size = pick(random, 100, 1_000, 1_990);
                for (int i = 0; i < size; i++) {
                    list.append(i == 0 ? "" : ",").append(i % 10);
                }
                yield list.append("].size() > 0").toString();
            }
            default -> unicode(random, 1 + random.nextInt(30));
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Keyword policies and messages made of their keywords in disguise: the normalizer, scanner and match ranges.

    /** A policy of scenarios with random keywords (and exclusions), with every keyword as written. */
    record KeywordPolicy(ObjectNode policy, List<String> keywords) {}

    static KeywordPolicy keywordPolicy(Random random) {
        ObjectNode policy = NODES.objectNode();
        ArrayNode scenarios = policy.putArray("scenarios");
        List<String> all = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int s = 0; s < count; s++) {
            ObjectNode scenario =
                    scenarios.addObject().put("id", "s" + s).put("mode", pick(random, "transfer", "micro_flow"));
            ObjectNode keywords = scenario.putObject("keywords");
            ObjectNode exclude = random.nextBoolean() ? scenario.putObject("exclude") : null;
            for (String language : List.of("en", "ar", "zh")) {
                ArrayNode words = keywords.putArray(language);
                int n = 1 + random.nextInt(12);
                for (int i = 0; i < n; i++) {
                    String word = keywordText(random, language);
                    words.add(word);
                    all.add(word);
                }
                if (exclude != null && random.nextBoolean()) {
                    ArrayNode excluded = exclude.putArray(language);
                    String word = pick(random, all).replace("*", "")
                            + pick(random, " ", "")
                            + keywordText(random, language).replace("*", "");
                    excluded.add(word);
                    all.add(word);
                }
            }
        }
        return new KeywordPolicy(policy, all);
    }

    private static final String HAN = "退款投訴诉经經理人工智能客服转轉接举報报警律师師欺诈詐騙钱錢";

    private static String keywordText(Random random, String language) {
        if (random.nextInt(8) == 0) {
            return unicode(random, 1 + random.nextInt(4));
        }
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(6);
        switch (language) {
            case "ar" -> {
                for (int i = 0; i < length + 1; i++) {
                    word.append((char) (0x621 + random.nextInt(0x64A - 0x621 + 1)));
                    if (random.nextInt(4) == 0) {
                        word.append(pick(random, "\u064B", "\u064E", "\u0650", "\u0651", "\u0652", "\u0640", "\u0670"));
                    }
                }
            }
            case "zh" -> {
                for (int i = 0; i < Math.min(length, 4); i++) {
                    word.append(HAN.charAt(random.nextInt(HAN.length())));
                }
            }
            default -> {
                String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'’éüßİıﬁＡＢ-";
                for (int i = 0; i < length + 1; i++) {
                    word.append(letters.charAt(random.nextInt(letters.length())));
                }
                if (random.nextInt(5) == 0) {
                    word.append(' ').append(pick(random, "back", "me", "now", "refund"));
                }
                if (random.nextInt(4) == 0) {
                    word.append('*');
                }
            }
        }
        return word.toString();
    }

    /** A message of some of the keywords, disguised (case, width, marks, tatweel, joiners, NFD) and glued oddly. */
    static String messageWith(List<String> keywords, Random random) {
        StringBuilder message = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int p = 0; p < parts; p++) {
            message.append(separator(random));
            String keyword = keywords.isEmpty() ? "x" : pick(random, keywords);
            if (keyword.endsWith("*")) {
                keyword = keyword.substring(0, keyword.length() - 1) + pick(random, "", "able", "s", "ing");
            }
            message.append(disguise(keyword, random));
        }
        return message.append(separator(random)).toString();
    }

    private static String separator(Random random) {
        return random.nextInt(4) == 0
                ? unicode(random, 1 + random.nextInt(3))
                : pick(random, "", " ", "  ", "\u00A0", "\u3000", "\n", "-", ",", "。", "،", "😀", "e\u0301", "\u0640");
    }

    private static String disguise(String keyword, Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> keyword.toUpperCase(Locale.ROOT);
            case 1 -> fullwidth(keyword);
            case 2 -> interleave(keyword, pick(random, "\u0301", "\u064E", "\u0651", "\u0670"), random);
            case 3 -> interleave(keyword, "\u0640", random);
            case 4 -> interleave(keyword, pick(random, "\u200D", "\u200C", "\u00AD", "\u200B", "\uFE0F"), random);
            case 5 -> Normalizer.normalize(keyword, Normalizer.Form.NFD);
            case 6 -> Normalizer.normalize(keyword, Normalizer.Form.NFKD);
            case 7 -> keyword.replace(" ", pick(random, "  ", "\u00A0", "\t", "-", "\u2014", "\n"));
            case 8 -> keyword.length() > 1 ? keyword.substring(0, keyword.length() - 1) : keyword + keyword;
            default -> keyword;
        };
    }

    private static String interleave(String text, String mark, Random random) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            out.appendCodePoint(c);
            if (random.nextInt(3) == 0) {
                out.append(mark);
            }
        });
        return out.toString();
    }

    /** YAML texts that stress the YAML parser (aliases, tags, tabs, indentation, directives, documents). */
    static List<String> yamlSpecials() {
        String laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                + "scenarios: [*d]\n";
        return List.of(
                laughs,
                "scenarios:\n  - &s {id: refund, keywords: {en: [refund]}}\n  - *s\n",
                "base: &base {id: refund}\nscenarios:\n  - <<: *base\n    keywords: {en: [refund]}\n",
                "scenarios:\n\t- id: refund\n\t  keywords: {en: [refund]}\n",
                "scenarios:\n  - id: refund\n   keywords:\n     en: [refund]\n",
                "scenarios:\n- id: refund\n  keywords:\n      en:\n    - refund\n",
                "rules:\n  - id: r\n    when: |\n      message.contains('a') &&\n      size(message) > 1\n    mode: agent\n",
                "rules:\n  - id: r\n    when: >-\n      true\n    mode: agent\n",
                "%YAML 1.2\n---\nlow_confidence_threshold: 0.5\n",
                "%YAML 1.1\n%TAG ! tag:example.com,2000:\n---\nlow_confidence_threshold: !foo 0.5\n",
                "low_confidence_threshold: 0.5\n---\nlow_confidence_threshold: 0.6\n",
                "low_confidence_threshold: 0.5\n...\n",
                "---\n",
                "# only a comment\n",
                "~\n",
                "low_confidence_threshold: .nan\n",
                "low_confidence_threshold: .inf\n",
                "low_confidence_threshold: -.inf\n",
                "low_confidence_threshold: 0x1\n",
                "low_confidence_threshold: 0o7\n",
                "low_confidence_threshold: 1_000\n",
                "low_confidence_threshold: 1e400\n",
                "low_confidence_threshold: 0.30000000000000000000000000000000000000000001\n",
                "low_confidence_threshold: !!str 0.5\n",
                "low_confidence_threshold: !!binary aGVsbG8=\n",
                "decision_log: {full_text: yes}\n",
                "decision_log: {full_text: !!bool \"true\"}\n",
                "transfer: {create_escalation: on, priority: HIGH}\n",
                "messages:\n  transfer: {en: !!binary aGVsbG8=}\n",
                "messages:\n  transfer: {en: \"\\ud800\\x00\\u0000\"}\n",
                "scenarios:\n  - id: refund\n    keywords: {en: [\"\\ud800\"], ar: [\"\\x00\"]}\n",
                "scenarios:\n  - id: refund\n    keywords: {en: [refund], en: [money]}\n",
                "? [complex, key]\n: value\n",
                "? {a: 1}\n: value\n",
                "1: one\n2: two\n",
                "null: x\n~: y\n",
                "scenarios: !!set {a, b}\n",
                "scenarios: !!omap [a: 1]\n",
                "scenarios: !!python/object:os.system [\"id\"]\n",
                "scenarios: !<tag:yaml.org,2002:java.net.URL> [\"http://x\"]\n",
                "rules: [{id: r, when: 2001-12-14t21:59:43.10-05:00, mode: agent}]\n",
                "rules: [{id: r, when: true, mode: agent}]\n",
                "rules: [{id: r, when: 'true', mode: agent}]\n",
                "rules: [{id: r, when: \"true\", mode: *undefined}]\n",
                "rules: [{id: r, when: \"true\", mode: &m agent}, {id: q, when: \"false\", mode: *m}]\n",
                "[".repeat(999) + "]".repeat(999),
                "[".repeat(1_001) + "]".repeat(1_001),
                "a:\n" + "  ".repeat(1) + buildBlockNesting(200),
                "{a: [b, {c: d}}\n",
                "a: 'unterminated\n",
                "a: \"bad escape \\q\"\n",
                "\uFEFFlow_confidence_threshold: 0.5\n",
                "low_confidence_threshold: 0.5 # comment\n\u0000\n",
                "- just\n- a\n- list\n",
                "scalar",
                "scenarios:\n  - id: refund\n    keywords:\n      en:\n" + "        - kw\n".repeat(5_000),
                "@reserved\n",
                "`reserved\n",
                "key: value\n  bad: indentation\n",
                "key: [unclosed\n",
                "&anchor\n",
                "*alias\n",
                "!!map\n");
    }

    private static String buildBlockNesting(int levels) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            text.append("  ".repeat(i + 1)).append("a:\n");
        }
        return text.append("  ".repeat(levels + 1)).append("b\n").toString();
    }

    /** A YAML rendering of {@code policy}, sometimes damaged: tabs, indentation, anchors, stray characters. */
    static String yamlPolicy(JsonNode policy, Random random) {
        String yaml = yaml(policy);
        return switch (random.nextInt(10)) {
            case 0 -> yaml.replaceFirst("\n  ", "\n\t");
            case 1 -> yaml.replaceFirst("\n    ", "\n   ");
            case 2 -> yaml.replace("---\n", "---\nextra: &x [1, 2]\nmore: *x\n");
            case 3 -> yaml + pick(random, "\n---\nsecond: document\n", "\n...\n", "\n: bad\n", "\n- mixed\n");
            case 4 -> yaml.replaceFirst(": ", ":");
            case 5 -> yaml.replaceFirst("\"", "");
            default -> yaml;
        };
    }

    /** Content types: right ones in odd spellings, and wrong ones. */
    static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "application/json; charset=\"utf-8\"",
            "APPLICATION/JSON",
            "application/json ;",
            "application/json; boundary=x",
            "application/json; charset=latin1",
            "application/json; charset=utf-16",
            "application/json; charset=",
            "application/json; charset=utf-8; charset=latin1",
            "text/plain",
            "text/json",
            "multipart/form-data; boundary=xyz",
            "application/x-www-form-urlencoded",
            "application/yaml",
            "text/yaml; charset=utf-8",
            "application/problem+json",
            "application/json-patch+json",
            "application/*",
            "*/*",
            ";",
            "json");
}
