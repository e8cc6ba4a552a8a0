package dev.switchboard.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationQuery;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.EventType;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.ResumeState;
import dev.switchboard.evaluation.PolicyTests;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.input.WireEnum;
import dev.switchboard.json.EscalationJson;
import dev.switchboard.json.RouteRequestJson;
import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.KeywordSyntax;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.ResponseType;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.routing.Stage;
import dev.switchboard.server.ServerConfig;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.tenant.Role;
import dev.switchboard.text.Language;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the served OpenAPI description complete and accurate: every route of the route table is documented and every
 * documented operation is served, every reference resolves, every operation is secured as its route is, enums and
 * limits match the code, examples match their schemas, and real requests of every kind answer only documented
 * statuses, with bodies that validate against the documented schemas (and request bodies the server accepts
 * validate against the documented request schemas).
 */
class OpenApiTest {
    /** Where the schema validator finds the document; the name is never fetched. */
    private static final String BASE = "https://switchboard.invalid/openapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** The operations whose body may be left out; every other documented request body is required. */
    private static final Set<String> OPTIONAL_BODIES = Set.of(
            "POST /v1/escalations/expire-overdue",
            "POST /v1/escalations/{id}/assign",
            "POST /v1/escalations/{id}/unassign",
            "POST /v1/escalations/{id}/cancel",
            "POST /v1/escalations/{id}/resume",
            "POST /v1/resume/{token}",
            "POST /v1/webhooks/{name}/deliveries/{id}/retry");

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static String openApiText;
    private static JsonNode openApi;
    private static SchemaRegistry registry;
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** {@code METHOD /template STATUS} of every checked exchange. */
    private final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    static void start() {
        server = TestServer.sqlite(dataDir, Map.of("SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE", "true"));
        TestServer.Response response = server.get("/openapi.json", null);
        assertThat(response.status()).isEqualTo(200);
        openApiText = response.body();
        openApi = response.json();
        registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE, openApiText))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void openApi_isVersion31AndServedAsWritten() {
        assertThat(openApi.path("openapi").asText()).startsWith("3.1");
        assertThat(openApi.path("info").path("title").asText()).isEqualTo("Switchboard");
        assertThat(openApi.path("info").path("version").asText()).isNotBlank();
        assertThat(openApi).isEqualTo(SystemApi.openApiDocument());
        TestServer.Response response = server.get("/openapi.json", null);
        assertThat(mediaType(response.header("Content-Type"))).isEqualTo("application/json");
    }

    @Test
    void openApi_documentsEveryServedRoute() {
        Set<String> served = new TreeSet<>();
        for (Api.Route route : server.server().api().routes()) {
            served.add(route.method().name() + " " + route.path());
        }
        Set<String> documented = new TreeSet<>();
        openApi.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (METHODS.contains(operation.getKey())) {
                        documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        assertThat(documented).as("documented operations").containsExactlyElementsOf(served);
    }

    @Test
    void openApi_everyRefResolvesAndEveryComponentIsUsed() {
        Set<String> refs = new LinkedHashSet<>();
        walk(openApi, "", (pointer, node) -> {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                refs.add(ref.asText());
            }
        });
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as("local reference").startsWith("#/");
            assertThat(openApi.at(ref.substring(1)).isMissingNode())
                    .as("%s resolves", ref)
                    .isFalse();
        }
        List<String> unused = new ArrayList<>();
        for (String kind : List.of("schemas", "responses", "parameters", "headers", "examples")) {
            openApi.path("components").path(kind).properties().forEach(component -> {
                String ref = "#/components/" + kind + "/" + component.getKey();
                if (!refs.contains(ref)) {
                    unused.add(ref);
                }
            });
        }
        assertThat(unused).as("unused components").isEmpty();
    }

    @Test
    void openApi_everyOperationIsDescribedAndSecuredLikeItsRoute() {
        Set<String> tags = new HashSet<>();
        openApi.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        Set<String> operationIds = new HashSet<>();
        JsonNode schemes = openApi.path("components").path("securitySchemes");
        for (String scheme : List.of("apiKey", "adminToken")) {
            assertThat(schemes.path(scheme).path("type").asText()).isEqualTo("http");
            assertThat(schemes.path(scheme).path("scheme").asText()).isEqualTo("bearer");
        }
        for (Api.Route route : server.server().api().routes()) {
            String name = route.method().name() + " " + route.path();
            JsonNode operation = operation(route.method().name(), route.path());
            assertThat(operation.isObject()).as("%s is documented", name).isTrue();
            assertThat(operationIds.add(operation.path("operationId").asText()))
                    .as("%s has a unique operationId", name)
                    .isTrue();
            assertThat(operation.path("operationId").asText()).as(name).matches("[a-z][A-Za-z]+");
            assertThat(operation.path("summary").asText())
                    .as("%s summary", name)
                    .isNotBlank();
            assertThat(operation.path("description").asText())
                    .as("%s description", name)
                    .isNotBlank();
            assertThat(operation.path("tags").isEmpty()).as("%s has tags", name).isFalse();
            operation.path("tags").forEach(tag -> assertThat(tags).as(name).contains(tag.asText()));
            JsonNode responses = operation.path("responses");
            assertThat(responses.isEmpty()).as("%s has responses", name).isFalse();
            assertThat(responses.has("500")).as("%s documents 500", name).isTrue();
            assertThat(operation.path("x-switchboard-access").asText())
                    .as("%s access", name)
                    .isEqualTo(route.access().stream().map(WireEnum::code).collect(Collectors.joining(", ")));

            JsonNode security = operation.get("security");
            assertThat(security).as("%s has security", name).isNotNull();
            switch (route.access().getFirst()) {
                case PUBLIC, SIGN_IN ->
                    assertThat(security.isEmpty())
                            .as("%s needs no credential", name)
                            .isTrue();
                case INSTANCE_ADMIN -> {
                    assertThat(security).as(name).isEqualTo(JSON.valueToTree(List.of(Map.of("adminToken", List.of()))));
                    assertThat(responses.has("401"))
                            .as("%s documents 401", name)
                            .isTrue();
                }
                default -> {
                    assertThat(security)
                            .as(name)
                            .isEqualTo(JSON.valueToTree(
                                    List.of(Map.of("apiKey", List.of()), Map.of("consoleSession", List.of()))));
                    for (Access access : route.access()) {
                        assertThat(operation.path("description").asText())
                                .as("%s names its role", name)
                                .contains("`" + WireEnum.code(access.role()) + "`");
                    }
                    for (String status : List.of("401", "403", "429")) {
                        assertThat(responses.has(status))
                                .as("%s documents %s", name, status)
                                .isTrue();
                    }
                }
            }
            assertThat(!OPTIONAL_BODIES.contains(name) || operation.has("requestBody"))
                    .as("%s documents its optional body", name)
                    .isTrue();
            if (operation.has("requestBody")) {
                assertThat(operation.path("requestBody").path("required").asBoolean(false))
                        .as("%s requestBody.required", name)
                        .isEqualTo(!OPTIONAL_BODIES.contains(name));
                for (String status : List.of("400", "413", "415", "422")) {
                    assertThat(responses.has(status))
                            .as("%s documents %s", name, status)
                            .isTrue();
                }
            }
            Set<String> pathParameters = new TreeSet<>();
            Matcher matcher = PATH_PARAMETER.matcher(route.path());
            while (matcher.find()) {
                pathParameters.add(matcher.group(1));
            }
            Set<String> declared = new TreeSet<>();
            operation.path("parameters").forEach(parameter -> {
                JsonNode resolved = resolve(parameter);
                if (resolved.path("in").asText().equals("path")) {
                    assertThat(resolved.path("required").asBoolean()).isTrue();
                    declared.add(resolved.path("name").asText());
                }
            });
            assertThat(declared).as("%s path parameters", name).isEqualTo(pathParameters);
            Set<String> queries = new TreeSet<>();
            operation.path("parameters").forEach(parameter -> {
                JsonNode resolved = resolve(parameter);
                if (resolved.path("in").asText().equals("query")) {
                    queries.add(resolved.path("name").asText());
                }
            });
            assertThat(queries).as("%s query parameters", name).isEqualTo(new TreeSet<>(route.query()));
        }
    }

    @Test
    void openApi_enumsAndLimitsMatchTheServer() {
        JsonNode schemas = openApi.path("components").path("schemas");
        assertThat(texts(schemas.path("Mode").path("enum"))).isEqualTo(codes(Mode.class));
        assertThat(texts(schemas.path("DecidedBy").path("enum"))).isEqualTo(codes(DecidedBy.class));
        assertThat(texts(schemas.path("SessionMode").path("enum"))).isEqualTo(codes(SessionMode.class));
        assertThat(texts(schemas.path("ResponseType").path("enum"))).isEqualTo(codes(ResponseType.class));
        assertThat(texts(schemas.path("Role").path("enum"))).isEqualTo(codes(Role.class));
        assertThat(texts(schemas.path("Stage").path("enum"))).isEqualTo(codes(Stage.class));
        assertThat(texts(schemas.path("Priority").path("enum"))).isEqualTo(codes(Priority.class));
        assertThat(texts(schemas.path("Locale").path("enum"))).isEqualTo(codes(Language.class));
        assertThat(texts(schemas.path("EscalationStatus").path("enum"))).isEqualTo(codes(EscalationStatus.class));
        assertThat(texts(schemas.path("EscalationReason").path("enum"))).isEqualTo(codes(EscalationReason.class));
        assertThat(texts(schemas.path("ResumeState").path("enum"))).isEqualTo(codes(ResumeState.class));
        assertThat(texts(schemas.path("DeliveryState").path("enum")))
                .isEqualTo(codes(dev.switchboard.webhook.DeliveryState.class));
        assertThat(texts(schemas.path("EventType").path("enum")))
                .isEqualTo(
                        Arrays.stream(EventType.values()).map(EventType::code).toList());

        JsonNode route = schemas.path("RouteRequest").path("properties");
        assertThat(route.path("message").path("maxLength").asInt()).isEqualTo(RouteRequestJson.MAX_MESSAGE_LENGTH);
        assertThat(route.path("session_id").path("maxLength").asInt()).isEqualTo(RouteRequestJson.MAX_ID_LENGTH);
        assertThat(route.path("context").path("description").asText())
                .contains(String.valueOf(RouteRequestJson.MAX_CONTEXT_DEPTH));
        JsonNode intent = schemas.path("IntentMatch").path("properties");
        assertThat(intent.path("fixed_reply").path("maxLength").asInt()).isEqualTo(RouteRequestJson.MAX_TEXT_LENGTH);
        assertThat(intent.path("transfer_message").path("maxLength").asInt())
                .isEqualTo(RouteRequestJson.MAX_TEXT_LENGTH);
        assertThat(intent.path("intent_id").path("maxLength").asInt()).isEqualTo(RouteRequestJson.MAX_ID_LENGTH);

        assertThat(fieldNames(schemas.path("PolicyTestCase")
                        .path("properties")
                        .path("expect")
                        .path("properties")))
                .isEqualTo(new TreeSet<>(PolicyTests.EXPECTABLE));
        assertThat(schemas.path("PolicyTestRequest")
                        .path("properties")
                        .path("cases")
                        .path("maxItems")
                        .asInt())
                .isEqualTo(PolicyTests.MAX_CASES);
        assertThat(schemas.path("KeywordList").path("items").path("maxLength").asInt())
                .isEqualTo(KeywordSyntax.MAX_LENGTH);

        assertThat(schemas.path("TenantRequest")
                        .path("properties")
                        .path("id")
                        .path("pattern")
                        .asText())
                .isEqualTo("^" + TenantApi.TENANT_ID.pattern() + "$");
        assertThat(schemas.path("ApiKeyRequest")
                        .path("properties")
                        .path("name")
                        .path("pattern")
                        .asText())
                .endsWith(TenantApi.KEY_NAME.pattern() + "$");

        JsonNode limit = queryParameter("GET", "/v1/decisions", "limit").path("schema");
        assertThat(limit.path("maximum").asInt()).isEqualTo(DecisionApi.MAX_LIMIT);
        assertThat(limit.path("default").asInt()).isEqualTo(DecisionApi.DEFAULT_LIMIT);

        JsonNode escalation = schemas.path("EscalationRequest").path("properties");
        assertThat(escalation.path("title").path("maxLength").asInt()).isEqualTo(EscalationJson.MAX_TITLE);
        assertThat(escalation.path("entity_id").path("maxLength").asInt()).isEqualTo(EscalationJson.MAX_NAME);
        assertThat(schemas.path("OptionalName").path("maxLength").asInt()).isEqualTo(EscalationJson.MAX_NAME);
        assertThat(escalation.path("suggested_action").path("maxLength").asInt())
                .isEqualTo(EscalationJson.MAX_TEXT);
        assertThat(escalation.path("missing_data").path("maxItems").asInt()).isEqualTo(EscalationJson.MAX_MISSING_DATA);
        assertThat(escalation.path("artifacts").path("maxItems").asInt()).isEqualTo(EscalationContent.MAX_ARTIFACTS);
        JsonNode artifact = schemas.path("ArtifactRequest").path("properties");
        assertThat(artifact.path("content").path("maxLength").asInt())
                .isEqualTo(EscalationContent.MAX_ARTIFACT_CONTENT);
        assertThat(artifact.path("url").path("maxLength").asInt()).isEqualTo(EscalationJson.MAX_URL);
        JsonNode queue = queryParameter("GET", "/v1/escalations", "limit").path("schema");
        assertThat(queue.path("maximum").asInt()).isEqualTo(EscalationQuery.MAX_LIMIT);
        assertThat(queue.path("default").asInt()).isEqualTo(EscalationQuery.DEFAULT_LIMIT);
        JsonNode timeout =
                queryParameter("GET", "/v1/escalations/{id}/wait", "timeout_s").path("schema");
        assertThat(timeout.path("maximum").asLong()).isEqualTo(Escalations.MAX_WAIT.toSeconds());
        assertThat(timeout.path("default").asInt()).isEqualTo(EscalationApi.DEFAULT_WAIT_SECONDS);
        assertThat(schemas.path("SlaTarget")
                        .path("properties")
                        .path("hours")
                        .path("maximum")
                        .asLong())
                .isEqualTo(SlaTarget.MAX_DURATION.toHours());

        String info = openApi.path("info").path("description").asText();
        assertThat(info).contains(ServerConfig.DEFAULT_MAX_BODY_BYTES / 1024 + " KiB");
        assertThat(info).contains(Json.MAX_DEPTH + " levels");
    }

    @Test
    void openApi_examplesMatchTheirSchemas() {
        List<String> checked = new ArrayList<>();
        walk(openApi, "", (pointer, node) -> {
            boolean mediaType = pointer.matches(".*/content/[^/]+") && node.has("schema");
            boolean parameter = node.has("in") && node.has("schema");
            if (!mediaType && !parameter) {
                return;
            }
            String type = mediaType ? unescape(pointer.substring(pointer.lastIndexOf('/') + 1)) : "application/json";
            if (type.startsWith("text/plain")) {
                return;
            }
            String schema = pointer + "/schema";
            if (node.has("example")) {
                assertValid(schema, exampleJson(type, node.get("example")), pointer + "/example");
                checked.add(pointer + "/example");
            }
            node.path("examples").properties().forEach(example -> {
                JsonNode value = resolve(example.getValue()).get("value");
                assertThat(value)
                        .as("%s/examples/%s has a value", pointer, example.getKey())
                        .isNotNull();
                assertValid(schema, exampleJson(type, value), pointer + "/examples/" + example.getKey());
                checked.add(pointer + "/examples/" + example.getKey());
            });
        });
        assertThat(checked).hasSizeGreaterThan(30);
    }

    @Test
    void openApi_schemaValidationRejectsWhatTheDocumentForbids() {
        String tenant = "{\"id\": \"acme\", \"name\": \"Acme\", \"default_locale\": \"ar\", "
                + "\"timezone\": \"Asia/Riyadh\", \"created_at\": \"2026-11-21T07:47:51.783Z\"";
        String key = "\"key\": {\"id\": \"01a1fd13-6f68-7000-94b9-0eb946dd2135\", \"name\": \"admin\", "
                + "\"role\": \"admin\"}";
        String current = "/components/schemas/CurrentTenant";
        assertThat(validate(current, tenant + ", " + key + "}")).isEmpty();
        assertThat(validate(current, tenant + "}")).as("missing key").isNotEmpty();
        assertThat(validate(current, tenant + ", " + key + ", \"extra\": 1}"))
                .as("undocumented field")
                .isNotEmpty();
        assertThat(validate(current, tenant.replace("\"ar\"", "\"fr\"") + ", " + key + "}"))
                .as("unknown enum value")
                .isNotEmpty();
        assertThat(validate(current, tenant.replace("2026-11-21T07:47:51.783Z", "yesterday") + ", " + key + "}"))
                .as("not a date-time")
                .isNotEmpty();
        assertThat(validate(current, tenant + ", " + key.replace("01a1fd13-6f68", "zz") + "}"))
                .as("not a uuid")
                .isNotEmpty();
        assertThat(validate("/components/schemas/RouteRequest", "{\"message\": \"hi\", \"context\": 1}"))
                .isNotEmpty();
        assertThat(validate("/components/schemas/ApiKeyRequest", "{\"role\": \"agent\", \"name\": \"مشغل 1\"}"))
                .isEmpty();
        assertThat(validate("/components/schemas/ApiKeyRequest", "{\"role\": \"agent\", \"name\": \"a/b\"}"))
                .isNotEmpty();

        ObjectNode created =
                openApi.at("/components/examples/NewEscalation/value").deepCopy();
        assertThat(validate("/components/schemas/NewEscalation", created.toString()))
                .isEmpty();
        assertThat(validate("/components/schemas/Escalation", created.toString()))
                .as("a packet shows its resume token only to its creator")
                .isNotEmpty();
        ObjectNode packet = created.deepCopy();
        packet.remove("resume_token");
        assertThat(validate("/components/schemas/Escalation", packet.toString()))
                .isEmpty();
        assertThat(validate(
                        "/components/schemas/Escalation",
                        packet.deepCopy().put("status", "in_progress").toString()))
                .as("in progress without an assignee")
                .isNotEmpty();
        assertThat(validate(
                        "/components/schemas/Escalation",
                        packet.deepCopy().put("status", "resolved").toString()))
                .as("resolved without a resolution")
                .isNotEmpty();
        assertThat(validate(
                        "/components/schemas/Escalation",
                        packet.deepCopy().put("reason", "boredom").toString()))
                .isNotEmpty();
        assertThat(validate("/components/schemas/SlaTarget", "{\"hours\": 1, \"minutes\": 30}"))
                .as("exactly one of hours and minutes")
                .isNotEmpty();
        assertThat(validate("/components/schemas/OpenRanges", "[\"09:00-24:00\", \"00:00-06:30\"]"))
                .isEmpty();
        assertThat(validate("/components/schemas/OpenRanges", "[\"9:00-17:00\"]"))
                .isNotEmpty();
    }

    @Test
    void openApi_documentsConditionalPolicyUpdate() {
        JsonNode put = operation("PUT", "/v1/policy");
        JsonNode ifMatch = null;
        for (JsonNode parameter : put.path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if (resolved.path("in").asText().equals("header")
                    && resolved.path("name").asText().equals("If-Match")) {
                ifMatch = resolved;
            }
        }
        assertThat(ifMatch).as("If-Match on PUT /v1/policy").isNotNull();
        assertThat(ifMatch.path("required").asBoolean()).isFalse();
        JsonNode preconditionFailed = resolve(put.path("responses").path("412"));
        assertThat(preconditionFailed
                        .path("content")
                        .path("application/problem+json")
                        .path("example")
                        .path("code")
                        .asText())
                .isEqualTo("precondition_failed");
    }

    @Test
    void openApi_describesRateLimiting(@TempDir Path dir) {
        try (TestServer limited =
                TestServer.sqlite(dir, Map.of("SWITCHBOARD_RATE_LIMIT", "0.01", "SWITCHBOARD_RATE_BURST", "1"))) {
            TestServer.Response created = call(
                    limited,
                    "POST",
                    "/v1/tenants",
                    "/v1/tenants",
                    TestServer.ADMIN_TOKEN,
                    "application/json",
                    "{\"id\": \"slow\", \"name\": \"Slow\"}",
                    Map.of());
            assertStatus(created, 201);
            String key = created.json().get("admin_key").asText();
            assertStatus(call(limited, "GET", "/v1/tenant", "/v1/tenant", key, null, null, Map.of()), 200);
            TestServer.Response limitedResponse =
                    call(limited, "GET", "/v1/tenant", "/v1/tenant", key, null, null, Map.of());
            assertStatus(limitedResponse, 429);
            assertThat(Long.parseLong(limitedResponse.header("Retry-After"))).isPositive();
        }
    }

    @Test
    void openApi_describesEveryRealExchange() throws Exception {
        // System.
        assertStatus(get("/health/live", null), 200);
        assertStatus(get("/health/ready", null), 200);
        assertStatus(get("/metrics", null), 200);
        assertStatus(get("/openapi.json", null), 200);

        // Tenants.
        String tenant = "{\"id\": \"acme\", \"name\": \"شركة أكمي\", \"default_locale\": \"ar\", "
                + "\"timezone\": \"Asia/Riyadh\"}";
        TestServer.Response created = post("/v1/tenants", TestServer.ADMIN_TOKEN, tenant);
        assertStatus(created, 201);
        String admin = created.json().get("admin_key").asText();
        assertStatus(post("/v1/tenants", TestServer.ADMIN_TOKEN, tenant), 409);
        TestServer.Response other = post(
                "/v1/tenants",
                TestServer.ADMIN_TOKEN,
                "{\"id\": \"dragon-mart\", \"name\": \"龙之商城\", \"default_locale\": \"zh\", \"timezone\": \"Asia/Shanghai\"}");
        assertStatus(other, 201);
        String otherAdmin = other.json().get("admin_key").asText();
        assertStatus(post("/v1/tenants", TestServer.ADMIN_TOKEN, "{\"id\": \"minimal\", \"name\": \"Minimal\"}"), 201);
        assertStatus(post("/v1/tenants", admin, "{\"id\": \"sneaky\", \"name\": \"Sneaky\"}"), 401);
        assertStatus(post("/v1/tenants", null, "{\"id\": \"anon\", \"name\": \"Anon\"}"), 401);
        rejected(
                "POST",
                "/v1/tenants",
                TestServer.ADMIN_TOKEN,
                "{\"id\": \"-bad\", \"name\": \" \", \"default_locale\": \"fr\", \"extra\": 1}");
        rejected("POST", "/v1/tenants", TestServer.ADMIN_TOKEN, "{\"name\": \"No id\"}");
        rejected("POST", "/v1/tenants", TestServer.ADMIN_TOKEN, "[]");
        assertStatus(post("/v1/tenants", TestServer.ADMIN_TOKEN, "{\"id\": \"broken\""), 400);
        assertStatus(send("POST", "/v1/tenants", "/v1/tenants", TestServer.ADMIN_TOKEN, "text/plain", "id=x"), 415);
        assertStatus(post("/v1/tenants", TestServer.ADMIN_TOKEN, bigJson()), 413);

        // API keys.
        String agent = newKey(admin, "agent", "bot-1");
        String operator = newKey(admin, "operator", "operator-1");
        String supervisor = newKey(admin, "supervisor", "مشرف الفريق");
        String secondAdmin = newKey(admin, "admin", "客服主管");
        String doomed = newKey(admin, "operator", "temp.user@acme");
        assertStatus(get("/v1/tenant", admin), 200);
        assertStatus(get("/v1/tenant", operator), 200);
        assertStatus(get("/v1/tenant", agent), 403);
        assertStatus(get("/v1/tenant", null), 401);
        assertStatus(get("/v1/tenant", "sb_not-a-key"), 401);
        rejected("POST", "/v1/api-keys", admin, "{\"role\": \"root\", \"name\": \"   \"}");
        rejected("POST", "/v1/api-keys", admin, "{\"name\": \"no role\"}");
        rejected("POST", "/v1/api-keys", admin, "{\"role\": \"agent\", \"name\": \"bad/name\", \"scopes\": []}");
        assertStatus(post("/v1/api-keys", supervisor, "{\"role\": \"admin\", \"name\": \"escalate\"}"), 403);
        TestServer.Response keys = get("/v1/api-keys", admin);
        assertStatus(keys, 200);
        assertStatus(get("/v1/api-keys", "/v1/api-keys?expand=secrets", admin), 422);
        String doomedId = keyId(keys, "temp.user@acme");
        assertStatus(delete("/v1/api-keys/" + doomedId, admin, null), 204);
        assertStatus(delete("/v1/api-keys/" + doomedId, admin, null), 404);
        assertStatus(get("/v1/tenant", doomed), 401);
        assertStatus(delete("/v1/api-keys/not-an-id", admin, null), 404);
        assertStatus(delete("/v1/api-keys/" + keyId(keys, "operator-1"), admin, "{}"), 400);
        assertStatus(delete("/v1/api-keys/" + keyId(keys, "operator-1"), operator, null), 403);
        assertStatus(delete("/v1/api-keys/" + keyId(keys, "operator-1"), otherAdmin, null), 404);
        String otherAdminId = keyId(get("/v1/api-keys", otherAdmin), "admin");
        assertStatus(delete("/v1/api-keys/" + otherAdminId, otherAdmin, null), 409);

        // Policy.
        TestServer.Response policy = get("/v1/policy", supervisor);
        assertStatus(policy, 200);
        assertStatus(get("/v1/policy", agent), 403);
        assertStatus(get("/v1/policy", operator), 403);
        assertStatus(get("/v1/policy", "/v1/policy?version=1", supervisor), 422);
        assertStatus(get("/v1/policy/versions", supervisor), 200);
        assertStatus(get("/v1/policy/versions", "/v1/policy/versions?limit=1", supervisor), 422);
        for (String yamlType : List.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")) {
            assertStatus(
                    send("POST", "/v1/policy/validate", "/v1/policy/validate", supervisor, yamlType, POLICY_YAML), 200);
        }
        assertStatus(post("/v1/policy/validate", supervisor, POLICY_JSON), 200);
        assertStatus(post("/v1/policy/validate", admin, "{}"), 200);
        rejected(
                "POST",
                "/v1/policy/validate",
                supervisor,
                "{\"scenarios\": [{\"id\": \"Bad\", \"keywords\": {\"fr\": []}}]}");
        assertStatus(
                post(
                        "/v1/policy/validate",
                        supervisor,
                        "{\"rules\": [{\"id\": \"r\", \"when\": \"context.vip ==\", " + "\"mode\": \"transfer\"}]}"),
                422);
        assertStatus(
                post(
                        "/v1/policy/validate",
                        supervisor,
                        "{\"scenarios\": [{\"id\": \"s\", \"keywords\": " + "{\"en\": [\"*\"]}}]}"),
                422);
        assertStatus(
                send("POST", "/v1/policy/validate", "/v1/policy/validate", supervisor, "application/yaml", "a: ["),
                400);
        assertStatus(post("/v1/policy/validate", operator, "{}"), 403);
        assertStatus(put("/v1/policy", supervisor, "application/json", POLICY_JSON, Map.of()), 403);
        assertStatus(put("/v1/policy", admin, "application/json", POLICY_JSON, Map.of()), 200);
        assertStatus(put("/v1/policy", admin, "application/yaml", POLICY_YAML, Map.of()), 200);
        int version = get("/v1/policy", admin).json().get("version").asInt();
        TestServer.Response conditional =
                put("/v1/policy", admin, "application/json", POLICY_JSON, Map.of("If-Match", "\"" + version + "\""));
        assertThat(conditional.status()).isEqualTo(200);
        TestServer.Response stale =
                put("/v1/policy", admin, "application/yaml", POLICY_YAML, Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isIn(200, 412);
        rejected(
                "PUT",
                "/v1/policy",
                admin,
                "{\"low_confidence_threshold\": 2, \"rules\": [{\"id\": \"x\", \"mode\": \"teleport\"}], \"sla\": {}}");
        assertStatus(put("/v1/policy", admin, "text/plain", "scenarios: []", Map.of()), 415);
        assertStatus(put("/v1/policy", admin, "application/json; charset=iso-8859-1", "{}", Map.of()), 415);
        assertStatus(put("/v1/policy", admin, "application/json", "", Map.of()), 400);
        assertStatus(put("/v1/policy", admin, "application/json", bigJson(), Map.of()), 413);
        assertStatus(get("/v1/policy", supervisor), 200);
        assertStatus(get("/v1/policy/versions", admin), 200);

        assertStatus(post("/v1/policy/test", supervisor, POLICY_TESTS), 200);
        assertStatus(
                post(
                        "/v1/policy/test",
                        supervisor,
                        "{\"policy\": " + POLICY_JSON + ", \"cases\": "
                                + JSON.readTree(POLICY_TESTS).get("cases") + "}"),
                200);
        rejected("POST", "/v1/policy/test", supervisor, "{\"cases\": []}");
        rejected(
                "POST",
                "/v1/policy/test",
                supervisor,
                "{\"cases\": [{\"name\": \"x\", \"input\": {\"message\": \"hi\"}, \"expect\": {\"mode\": [\"agent\"]}}]}");
        rejected(
                "POST",
                "/v1/policy/test",
                supervisor,
                "{\"policy\": {\"rules\": \"none\"}, \"cases\": [{\"name\": \"x\", \"input\": {}, \"expect\": {}}]}");
        assertStatus(post("/v1/policy/test", operator, POLICY_TESTS), 403);
        assertStatus(post("/v1/policy/test", supervisor, "{\"cases\": "), 400);

        // Routing.
        List<String> decided = new ArrayList<>();
        decided.add(routed(agent, "{\"message\": \"我要转人工\", \"session_id\": \"s-zh\"}", "transfer"));
        decided.add(routed(agent, "{\"message\": \"你好，在吗？\", \"session_id\": \"s-zh\"}", "transfer"));
        decided.add(routed(agent, "{\"message\": \"我想了解人工智能产品\", \"locale\": \"zh\"}", "agent"));
        decided.add(routed(
                agent, "{\"message\": \"أريد استرداد المبلغ من فضلك\", \"session_id\": \"s-ar\"}", "micro_flow"));
        decided.add(routed(agent, "{\"message\": \"عندي شكوى على الخدمة\", \"locale\": \"ar\"}", "transfer"));
        decided.add(routed(agent, EVERYTHING, "agent"));
        decided.add(routed(
                agent,
                "{\"message\": \"hello\", \"feature_flags\": {\"rollback_to_legacy\": true}, \"locale\": \"en\"}",
                "fixed"));
        decided.add(routed(
                agent,
                "{\"message\": \"hello\", \"feature_flags\": {\"agent_enabled\": false}, \"session_id\": \"s-en\"}",
                "fixed"));
        decided.add(routed(
                agent,
                "{\"message\": \"你好\", \"context\": {\"vip\": true, \"tier\": {\"level\": [1, 2]}}}",
                "transfer"));
        decided.add(routed(
                agent,
                "{\"message\": \"hi\", \"high_risk_check\": {\"matched\": true, \"risk_scenario\": \"refund\", "
                        + "\"rule_id\": \"upstream_refund\", \"recommended_mode\": \"transfer\"}}",
                "transfer"));
        decided.add(routed(
                agent,
                "{\"message\": \"hi\", \"intent_hint\": {\"intent\": \"fraud\", \"confidence\": 0.9, "
                        + "\"high_risk_detected\": true, \"target_flow_id\": \"flow-fraud\"}}",
                "micro_flow"));
        decided.add(routed(
                agent,
                "{\"message\": \"hmm\", \"intent_hint\": {\"intent\": \"unclear\", \"confidence\": 0.1, "
                        + "\"suggested_mode\": \"fixed\", \"fallback_reason_code\": \"clarify\"}}",
                "fixed"));
        decided.add(routed(
                agent,
                "{\"message\": \"hmm\", \"intent_match\": {\"intent_name\": \"shipping\", \"confidence\": 0.2, "
                        + "\"fixed_reply\": \"Could you tell me more?\"}}",
                "fixed"));
        decided.add(routed(
                agent,
                "{\"message\": \"where is my parcel\", \"intent_match\": {\"intent_name\": \"tracking\", "
                        + "\"confidence\": 0.95, \"response_type\": \"flow\", \"flow_id\": \"flow-tracking\"}}",
                "micro_flow"));
        decided.add(routed(agent, "{\"message\": \"my warranty claim\"}", "micro_flow"));
        decided.add(routed(agent, "{\"message\": \"is it open\", \"context\": {\"weekday\": \"friday\"}}", "fixed"));
        decided.add(routed(
                agent,
                "{\"message\": \"thanks\", \"session_id\": \"s-en\", \"session_mode\": \"human_active\"}",
                "transfer"));
        rejected(
                "POST",
                "/v1/route",
                agent,
                "{\"message\": \"hi\", \"confidence\": 2, \"intent_match\": {\"confidence\": 3, \"response_type\": \"bot\"}}");
        rejected("POST", "/v1/route", agent, "{\"message\": \"   \"}");
        rejected("POST", "/v1/route", agent, "{\"session_id\": \"s-1\"}");
        rejected(
                "POST",
                "/v1/route",
                agent,
                "{\"message\": \"hi\", \"high_risk_check\": {\"risk_scenario\": \"refund\"}}");
        rejected(
                "POST",
                "/v1/route",
                agent,
                "{\"message\": \"hi\", \"high_risk_check\": {\"matched\": true, \"recommended_mode\": \"fixed\"}}");
        rejected("POST", "/v1/route", agent, "{\"message\": \"hi\", \"context\": [1, 2]}");
        rejected("POST", "/v1/route", agent, "null");
        assertStatus(post("/v1/route", agent, "{\"message\": \"hi\",}"), 400);
        assertStatus(post("/v1/route", agent, ""), 400);
        assertStatus(send("POST", "/v1/route", "/v1/route", agent, "text/plain", "hi"), 415);
        assertStatus(send("POST", "/v1/route", "/v1/route", agent, "application/yaml", "message: hi"), 415);
        assertStatus(post("/v1/route", agent, bigJson()), 413);
        assertStatus(post("/v1/route", admin, "{\"message\": \"hi\"}"), 403);
        assertStatus(post("/v1/route", null, "{\"message\": \"hi\"}"), 401);

        // Decisions.
        JsonNode all = awaitDecisions(supervisor, decided.size());
        List<String> newestFirst = new ArrayList<>();
        all.get("items").forEach(item -> newestFirst.add(item.get("decision_id").asText()));
        assertThat(newestFirst).containsExactlyInAnyOrderElementsOf(decided);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/v1/decisions?limit=4" + (cursor == null ? "" : "&cursor=" + cursor);
            TestServer.Response page = get("/v1/decisions", path, supervisor);
            assertStatus(page, 200);
            page.json()
                    .get("items")
                    .forEach(item -> paged.add(item.get("decision_id").asText()));
            cursor = page.json().get("next_cursor").isNull()
                    ? null
                    : page.json().get("next_cursor").asText();
        } while (cursor != null);
        assertThat(paged).isEqualTo(newestFirst);
        String since = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        String until = encode(Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .atOffset(java.time.ZoneOffset.ofHours(3))
                .toString());
        TestServer.Response filtered = get(
                "/v1/decisions",
                "/v1/decisions?mode=transfer&session_id=s-zh&since=" + since + "&until=" + until + "&limit=10",
                supervisor);
        assertStatus(filtered, 200);
        assertThat(filtered.json().get("items")).hasSize(2);
        assertStatus(
                get("/v1/decisions", "/v1/decisions?reason_code=high_risk_refund&risk_scenario=refund", admin), 200);
        assertStatus(get("/v1/decisions", "/v1/decisions?mode=MICRO_FLOW", admin), 200);
        assertStatus(get("/v1/decisions", "/v1/decisions?limit=0", supervisor), 422);
        assertStatus(get("/v1/decisions", "/v1/decisions?limit=501", supervisor), 422);
        assertStatus(get("/v1/decisions", "/v1/decisions?cursor=bogus", supervisor), 422);
        assertStatus(get("/v1/decisions", "/v1/decisions?mode=robot&since=yesterday", supervisor), 422);
        assertStatus(get("/v1/decisions", "/v1/decisions?mode=agent&mode=fixed", supervisor), 422);
        assertStatus(get("/v1/decisions", "/v1/decisions?tenant=dragon-mart", supervisor), 422);
        assertStatus(get("/v1/decisions", "/v1/decisions?reason_code=", supervisor), 422);
        assertStatus(get("/v1/decisions", operator), 403);
        assertStatus(get("/v1/decisions", agent), 403);
        assertStatus(get("/v1/decisions", null), 401);
        assertStatus(get("/v1/decisions", "/v1/decisions?limit=1", otherAdmin), 200);
        TestServer.Response metrics = get("/metrics", null);
        assertStatus(metrics, 200);
        Matcher metric = Pattern.compile("`((?:switchboard|http_server)_[a-z_]+)")
                .matcher(operation("GET", "/metrics").path("description").asText());
        int named = 0;
        while (metric.find()) {
            assertThat(metrics.body())
                    .as("documented metric %s", metric.group(1))
                    .contains(metric.group(1));
            named++;
        }
        assertThat(named).isGreaterThanOrEqualTo(4);
        assertStatus(get("/v1/api-keys", secondAdmin), 200);

        // Escalations: a policy with SLA targets, a business calendar and auto-escalation rules.
        assertStatus(put("/v1/policy", admin, "application/json", ESCALATION_POLICY, Map.of()), 200);
        assertStatus(get("/v1/policy", supervisor), 200);
        rejected(
                "PUT",
                "/v1/policy",
                admin,
                "{\"sla\": {\"targets\": {\"urgent\": {\"hours\": 1}, \"high\": {\"hours\": 1, \"minutes\": 30}}, "
                        + "\"calendar\": {\"hours\": {\"sun\": [\"9-17\"]}, \"holidays\": [\"2026-02-30\"]}}}");
        rejected(
                "PUT",
                "/v1/policy",
                admin,
                "{\"auto_escalation_rules\": [{\"id\": \"r\", \"when\": \"deal_value_sar > 1\", "
                        + "\"priority\": \"urgent\", \"reason\": \"high_value_deal\"}]}");
        server.server().escalations().onResume("quote_approval", request -> {});
        String operator2 = newKey(admin, "operator", "operator-2");
        String otherAgent = newKey(otherAdmin, "agent", "bot-9");

        // Opening, with Idempotency-Key.
        String create = "/v1/escalations";
        Map<String, String> quoteKey = Map.of("Idempotency-Key", "quote-D-1");
        TestServer.Response quote = postWith(create, create, agent, QUOTE, quoteKey);
        assertStatus(quote, 201);
        String quoteId = quote.json().get("id").asText();
        String quotePath = create + "/" + quoteId;
        String quoteToken = quote.json().get("resume_token").asText();
        assertThat(quote.header("Location")).isEqualTo(quotePath);
        assertThat(quote.header("ETag")).isEqualTo("\"1\"");
        TestServer.Response replayed = postWith(create, create, agent, QUOTE, quoteKey);
        assertStatus(replayed, 201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json()).isEqualTo(quote.json());
        assertStatus(postWith(create, create, agent, QUOTE.replace("D-1", "D-2"), quoteKey), 422);
        assertStatus(postWith(create, create, agent, QUOTE, Map.of("Idempotency-Key", "not a key")), 422);
        TestServer.Response invoice = post(create, agent, INVOICE);
        assertStatus(invoice, 201);
        String invoicePath = create + "/" + invoice.json().get("id").asText();
        String invoiceToken = invoice.json().get("resume_token").asText();
        rejected(
                "POST",
                create,
                agent,
                "{\"title\": \" \", \"entity_type\": \"deal\", \"reason\": \"bored\", \"confidence\": 2, \"extra\": 1}");
        rejected(
                "POST",
                create,
                agent,
                "{\"title\": \"t\", \"entity_type\": \"deal\", \"entity_id\": \"D-3\", \"reason\": \"timeout\", "
                        + "\"due_at\": \"tomorrow\", \"workflow_name\": \"\", "
                        + "\"artifacts\": [{\"kind\": \"x\", \"url\": \"ftp://example.com/x\"}]}");
        rejected("POST", create, agent, "[]");
        assertStatus(post(create, agent, "{\"title\": "), 400);
        assertStatus(send("POST", create, create, agent, "text/plain", "title"), 415);
        assertStatus(post(create, agent, bigJson()), 413);
        assertStatus(post(create, operator, INVOICE), 403);
        assertStatus(post(create, null, INVOICE), 401);

        // Reading.
        String read = "/v1/escalations/{id}";
        TestServer.Response packet = get(read, quotePath, agent);
        assertStatus(packet, 200);
        assertThat(packet.json().has("resume_token")).isFalse();
        assertStatus(get(read, quotePath, operator), 200);
        assertStatus(get(read, quotePath, supervisor), 200);
        assertStatus(get(read, quotePath, otherAdmin), 404);
        assertStatus(get(read, create + "/not-an-id", operator), 404);
        assertStatus(get(read, quotePath + "?expand=all", operator), 422);
        assertStatus(send("GET", read, quotePath, operator, "application/json", "{}"), 400);
        assertStatus(get(read, quotePath, null), 401);

        // Claiming, assigning and releasing.
        String assign = "/v1/escalations/{id}/assign";
        String unassign = "/v1/escalations/{id}/unassign";
        TestServer.Response claimed =
                call(server, "POST", assign, quotePath + "/assign", operator, null, null, Map.of("If-Match", "\"1\""));
        assertStatus(claimed, 200);
        assertThat(claimed.json().get("assigned_to").asText()).isEqualTo("operator-1");
        assertThat(claimed.header("ETag")).isEqualTo("\"2\"");
        TestServer.Response taken = post(assign, quotePath + "/assign", operator2, null);
        assertStatus(taken, 409);
        assertThat(taken.json().get("code").asText()).isEqualTo("already_assigned");
        assertThat(taken.json().get("escalation").get("version").asInt()).isEqualTo(2);
        assertStatus(post(assign, quotePath + "/assign", operator2, "{\"assignee\": \"operator-1\"}"), 403);
        assertStatus(post(assign, quotePath + "/assign", agent, "{}"), 403);
        rejected("POST", assign, quotePath + "/assign", operator, "{\"assignee\": \" \", \"force\": \"yes\"}");
        assertStatus(
                call(server, "POST", assign, quotePath + "/assign", operator, null, null, Map.of("If-Match", "\"1\"")),
                412);
        assertStatus(
                call(server, "POST", assign, quotePath + "/assign", operator, null, null, Map.of("If-Match", "v1")),
                400);
        assertStatus(post(assign, create + "/" + UUID_OF_NOTHING + "/assign", operator, null), 404);
        assertStatus(
                post(assign, quotePath + "/assign", supervisor, "{\"assignee\": \"operator-2\", \"force\": true}"),
                200);
        TestServer.Response notYours = post(unassign, quotePath + "/unassign", operator, null);
        assertStatus(notYours, 403);
        assertThat(notYours.json().get("code").asText()).isEqualTo("not_assignee");
        rejected("POST", unassign, quotePath + "/unassign", operator2, "{\"reason\": \"lunch\"}");
        assertStatus(post(unassign, quotePath + "/unassign", operator2, "{}"), 200);
        assertStatus(post(unassign, quotePath + "/unassign", operator2, null), 409);

        // Resolving, with the decision pushed to the workflow's handler.
        String resolve = "/v1/escalations/{id}/resolve";
        String cancel = "/v1/escalations/{id}/cancel";
        String push = "/v1/escalations/{id}/resume";
        String pull = "/v1/resume/{token}";
        assertStatus(post(assign, quotePath + "/assign", operator, null), 200);
        assertStatus(post(resolve, quotePath + "/resolve", operator2, "{\"action_taken\": \"rejected\"}"), 409);
        rejected(
                "POST",
                resolve,
                quotePath + "/resolve",
                operator,
                "{\"notes\": \"x\", \"override_data\": [1], \"resume_workflow\": \"yes\"}");
        assertStatus(send("POST", resolve, quotePath + "/resolve", operator, null, null), 400);
        String etag = get(read, quotePath, operator).header("ETag");
        TestServer.Response resolved = call(
                server,
                "POST",
                resolve,
                quotePath + "/resolve",
                operator,
                "application/json",
                "{\"action_taken\": \"approved\", \"notes\": \"Approved at 10% instead of 12%.\", "
                        + "\"override_data\": {\"discount_pct\": 10}, \"resume_workflow\": true}",
                Map.of("If-Match", etag));
        assertStatus(resolved, 200);
        assertThat(resolved.json().get("resolution_data").get("resolved_by").asText())
                .isEqualTo("operator-1");
        assertStatus(post(resolve, quotePath + "/resolve", supervisor, "{\"action_taken\": \"approved\"}"), 409);
        assertStatus(post(cancel, quotePath + "/cancel", agent, null), 409);
        assertStatus(post(assign, quotePath + "/assign", operator, null), 409);
        awaitResume(agent, quotePath, "delivered");
        assertStatus(post(push, quotePath + "/resume", agent, null), 409);
        assertStatus(post(pull, "/v1/resume/" + quoteToken, agent, null), 409);

        // The audit trail and waiting.
        String events = "/v1/escalations/{id}/events";
        String await = "/v1/escalations/{id}/wait";
        TestServer.Response trail = get(events, quotePath + "/events", operator);
        assertStatus(trail, 200);
        List<String> types = new ArrayList<>();
        trail.json().get("items").forEach(event -> types.add(event.get("type").asText()));
        assertThat(types)
                .contains(
                        "escalation.created",
                        "escalation.assigned",
                        "escalation.unassigned",
                        "escalation.resolved",
                        "escalation.resume_requested",
                        "escalation.resumed");
        assertStatus(get(events, quotePath + "/events", agent), 200);
        assertStatus(get(events, quotePath + "/events", otherAdmin), 404);
        assertStatus(get(await, quotePath + "/wait?timeout_s=5", agent), 200);
        TestServer.Response waited = get(await, invoicePath + "/wait?timeout_s=0", agent);
        assertStatus(waited, 200);
        assertThat(waited.json().get("status").asText()).isEqualTo("pending");
        assertStatus(get(await, invoicePath + "/wait?timeout_s=61", agent), 422);
        assertStatus(get(await, invoicePath + "/wait?timeout=5", operator), 422);
        assertStatus(get(await, invoicePath + "/wait?timeout_s=0", otherAdmin), 404);

        // Pulling the decision, exactly once.
        assertStatus(post(pull, "/v1/resume/" + invoiceToken, agent, null), 409);
        assertStatus(post(push, invoicePath + "/resume", agent, null), 409);
        assertStatus(
                post(
                        resolve,
                        invoicePath + "/resolve",
                        operator,
                        "{\"action_taken\": \"vat_number_added\", \"override_data\": {\"vat_number\": \"300000000000003\"}}"),
                200);
        TestServer.Response noHandler = post(push, invoicePath + "/resume", operator, "{}");
        assertStatus(noHandler, 409);
        assertThat(noHandler.json().get("code").asText()).isEqualTo("no_handler");
        assertStatus(post(pull, "/v1/resume/" + invoiceToken, otherAgent, null), 404);
        rejected("POST", pull, "/v1/resume/" + invoiceToken, agent, "{\"ack\": true}");
        assertStatus(post(pull, "/v1/resume/" + invoiceToken, operator, null), 403);
        TestServer.Response consumed = post(pull, "/v1/resume/" + invoiceToken, agent, "{}");
        assertStatus(consumed, 200);
        assertThat(consumed.json().get("resolution").get("resolved_by").asText())
                .isEqualTo("operator-1");
        assertStatus(post(pull, "/v1/resume/" + invoiceToken, agent, null), 409);
        assertStatus(get(events, invoicePath + "/events", agent), 200);
        assertStatus(post(pull, "/v1/resume/" + "A".repeat(32), agent, null), 404);
        assertStatus(post(pull, "/v1/resume/short", agent, null), 404);
        TestServer.Response later = post(create, agent, QUOTE.replace("D-1", "D-3"));
        assertStatus(later, 201);
        String laterPath = create + "/" + later.json().get("id").asText();
        assertStatus(post(resolve, laterPath + "/resolve", supervisor, "{\"action_taken\": \"rejected\"}"), 200);
        TestServer.Response pushed = post(push, laterPath + "/resume", agent, null);
        assertStatus(pushed, 202);
        assertThat(pushed.json().get("resume").get("state").asText()).isEqualTo("pending");
        rejected("POST", push, laterPath + "/resume", agent, "{\"now\": true}");

        // Cancelling.
        TestServer.Response abandoned = post(create, agent, INVOICE.replace("INV-7", "INV-8"));
        assertStatus(abandoned, 201);
        String abandonedPath = create + "/" + abandoned.json().get("id").asText();
        assertStatus(post(cancel, abandonedPath + "/cancel", operator, null), 403);
        rejected("POST", cancel, abandonedPath + "/cancel", agent, "{\"reason\": 5}");
        TestServer.Response cancelled = call(
                server,
                "POST",
                cancel,
                abandonedPath + "/cancel",
                agent,
                "application/json",
                "{\"reason\": \"customer came back\"}",
                Map.of("If-Match", "\"1\""));
        assertStatus(cancelled, 200);
        assertThat(cancelled.json().get("cancel_reason").asText()).isEqualTo("customer came back");
        assertStatus(post(cancel, abandonedPath + "/cancel", supervisor, null), 409);
        assertStatus(post(assign, abandonedPath + "/assign", operator, null), 409);
        TestServer.Response dropped = post(create, agent, INVOICE.replace("INV-7", "INV-9"));
        assertStatus(dropped, 201);
        assertStatus(post(cancel, create + "/" + dropped.json().get("id").asText() + "/cancel", supervisor, null), 200);

        // Expiring: due in a moment, expired by the SLA sweeper, still resolvable.
        TestServer.Response due = post(
                create,
                agent,
                "{\"title\": \"Callback promised\", \"entity_type\": \"session\", \"entity_id\": \"wa-2\", "
                        + "\"reason\": \"timeout\", \"priority\": \"critical\", \"due_at\": \""
                        + Instant.now().plusMillis(1500) + "\"}");
        assertStatus(due, 201);
        String duePath = create + "/" + due.json().get("id").asText();
        TestServer.Response expired = get(await, duePath + "/wait?timeout_s=30", agent);
        assertStatus(expired, 200);
        assertThat(expired.json().get("status").asText()).isEqualTo("expired");
        String expire = "/v1/escalations/expire-overdue";
        assertStatus(post(expire, supervisor, null), 200);
        assertStatus(post(expire, admin, "{}"), 200);
        rejected("POST", expire, supervisor, "{\"tenant\": \"acme\"}");
        assertStatus(send("POST", expire, expire, supervisor, "text/plain", "now"), 415);
        assertStatus(post(expire, operator, null), 403);
        assertStatus(post(cancel, duePath + "/cancel", agent, null), 409);
        assertStatus(post(resolve, duePath + "/resolve", supervisor, "{\"action_taken\": \"called_back\"}"), 200);
        assertStatus(get(events, duePath + "/events", supervisor), 200);
        assertStatus(get(events, abandonedPath + "/events", agent), 200);

        // A transfer's packet: resolving it gives the session back to the bot.
        TestServer.Response transfers =
                get(create, create + "?entity_type=session&entity_id=s-zh&status=pending", operator);
        assertStatus(transfers, 200);
        assertThat(transfers.json().get("items")).hasSize(1);
        String transferPath =
                create + "/" + transfers.json().get("items").get(0).get("id").asText();
        assertStatus(post(resolve, transferPath + "/resolve", operator, "{\"action_taken\": \"answered\"}"), 200);
        assertStatus(get(events, transferPath + "/events", operator), 200);

        // Auto-escalation.
        String auto = "/v1/escalations/auto";
        String deal = "{\"context\": {\"entity_type\": \"deal\", \"entity_id\": \"D-9\", "
                + "\"workflow_name\": \"quote_approval\", \"current_step\": \"pricing\", \"deal_value_sar\": 150000, "
                + "\"consent_expired\": false}}";
        TestServer.Response autoOpened = post(auto, agent, deal);
        assertStatus(autoOpened, 201);
        assertThat(autoOpened.json().get("escalation").has("resume_token")).isTrue();
        TestServer.Response deduplicated = post(auto, agent, deal);
        assertStatus(deduplicated, 200);
        assertThat(deduplicated.json().get("deduplicated").asBoolean()).isTrue();
        TestServer.Response nothing = post(
                auto,
                agent,
                "{\"context\": {\"entity_type\": \"deal\", \"entity_id\": \"D-10\", \"deal_value_sar\": 5000}}");
        assertStatus(nothing, 200);
        assertThat(nothing.json().get("escalation").isNull()).isTrue();
        TestServer.Response both = post(
                auto,
                agent,
                "{\"context\": {\"entity_type\": \"customer\", \"entity_id\": \"C-1\", \"consent_expired\": true, "
                        + "\"deal_value_sar\": 250000.5, \"profile\": {\"segment\": \"vip\"}}}");
        assertStatus(both, 201);
        assertThat(texts(both.json().get("matched_rules")))
                .containsExactly("rule_high_value_deal", "rule_consent_expired");
        rejected("POST", auto, agent, "{\"context\": {\"entity_id\": \"D-1\", \"confidence\": 7}}");
        rejected("POST", auto, agent, "{}");
        rejected("POST", auto, agent, "{\"context\": [], \"extra\": 1}");
        assertStatus(post(auto, operator, deal), 403);

        // The queue.
        TestServer.Response everything = get(create, create + "?limit=200", operator);
        assertStatus(everything, 200);
        List<String> inOrder = new ArrayList<>();
        everything
                .json()
                .get("items")
                .forEach(item -> inOrder.add(item.get("id").asText()));
        List<String> pages = new ArrayList<>();
        String next = null;
        do {
            String path = create + "?status=pending,in_progress,resolved,expired,cancelled&limit=3"
                    + (next == null ? "" : "&cursor=" + next);
            TestServer.Response page = get(create, path, operator);
            assertStatus(page, 200);
            page.json().get("items").forEach(item -> pages.add(item.get("id").asText()));
            next = page.json().get("next_cursor").isNull()
                    ? null
                    : page.json().get("next_cursor").asText();
        } while (next != null);
        assertThat(pages).isEqualTo(inOrder);
        assertStatus(
                get(
                        create,
                        create + "?priority=critical,HIGH&assigned_to=operator-1&target_role=manager"
                                + "&entity_type=deal&entity_id=D-1&overdue=false",
                        supervisor),
                200);
        assertStatus(get(create, create + "?overdue=true", operator), 200);
        assertStatus(get(create, operator), 200);
        assertStatus(
                get(create, create + "?status=open&priority=urgent&limit=0&overdue=yes&cursor=bogus", operator), 422);
        assertStatus(get(create, create + "?limit=201", operator), 422);
        assertStatus(get(create, agent), 403);
        assertThat(get(create, otherAdmin).json().get("items")).isEmpty();

        // Statistics.
        String stats = "/v1/stats";
        TestServer.Response counted = get(stats, supervisor);
        assertStatus(counted, 200);
        assertThat(counted.json().get("total").asInt()).isEqualTo(inOrder.size());
        assertThat(counted.json().get("sla_met_ratio").isNumber()).isTrue();
        assertStatus(
                get(
                        stats,
                        stats + "?since="
                                + encode(
                                        Instant.now().minus(1, ChronoUnit.HOURS).toString()),
                        admin),
                200);
        TestServer.Response none = get(stats, stats + "?since=" + Instant.now().plus(1, ChronoUnit.HOURS), supervisor);
        assertStatus(none, 200);
        assertThat(none.json().get("sla_met_ratio").isNull()).isTrue();
        assertStatus(get(stats, stats + "?since=yesterday", supervisor), 422);
        assertStatus(get(stats, operator), 403);

        // Webhooks. Deliveries go to a closed port here: they stay pending, with their attempts recorded.
        String hooks = "/v1/webhooks";
        String hook = "/v1/webhooks/{name}";
        String subscription = "{\"url\": \"http://127.0.0.1:9/hooks\", \"events\": [\"escalation.created\", "
                + "\"escalation.resume_requested\"], \"workflows\": []}";
        TestServer.Response subscribed = put(hook, "/v1/webhooks/agent-hooks", admin, subscription);
        assertStatus(subscribed, 200);
        assertThat(subscribed.json().get("secret").asText()).startsWith("whsec_");
        TestServer.Response replaced = put(hook, "/v1/webhooks/agent-hooks", admin, subscription);
        assertStatus(replaced, 200);
        assertThat(replaced.json().has("secret")).isFalse();
        rejected("PUT", hook, "/v1/webhooks/agent-hooks", admin, "{\"url\": \"ftp://x\", \"events\": []}");
        rejected("PUT", hook, "/v1/webhooks/agent-hooks", admin, "{\"url\": \"http://127.0.0.1/\"}");
        assertStatus(put(hook, "/v1/webhooks/agent-hooks", operator, subscription), 403);
        assertStatus(get(hook, "/v1/webhooks/agent-hooks", admin), 200);
        assertStatus(get(hook, "/v1/webhooks/agent-hooks", otherAdmin), 404);
        assertStatus(get(hooks, admin), 200);
        TestServer.Response opened = post(
                "/v1/escalations",
                agent,
                "{\"title\": \"Webhook probe\", "
                        + "\"entity_type\": \"order\", \"entity_id\": \"hook-1\", \"reason\": \"missing_data\"}");
        assertStatus(opened, 201);
        String deliveries = "/v1/webhooks/{name}/deliveries";
        TestServer.Response listed = get(deliveries, "/v1/webhooks/agent-hooks/deliveries", admin);
        assertStatus(listed, 200);
        assertThat(listed.json().get("items")).isNotEmpty();
        assertStatus(get(deliveries, "/v1/webhooks/agent-hooks/deliveries?state=pending&limit=1", admin), 200);
        assertStatus(get(deliveries, "/v1/webhooks/agent-hooks/deliveries?state=lost", admin), 422);
        assertStatus(get(deliveries, "/v1/webhooks/nobody/deliveries", admin), 404);
        String retry = "/v1/webhooks/{name}/deliveries/{id}/retry";
        String deliveryId = listed.json().get("items").get(0).get("id").asText();
        assertStatus(post(retry, "/v1/webhooks/agent-hooks/deliveries/" + deliveryId + "/retry", admin, null), 202);
        assertStatus(post(retry, "/v1/webhooks/agent-hooks/deliveries/unknown/retry", admin, "{}"), 404);
        assertStatus(send("DELETE", hook, "/v1/webhooks/agent-hooks", admin, null, null), 204);
        assertStatus(send("DELETE", hook, "/v1/webhooks/agent-hooks", admin, null, null), 404);

        // The live stream.
        String stream = "/v1/events/stream";
        TestServer.Response opened2 = get(stream, operator);
        assertStatus(opened2, 200);
        assertThat(opened2.body()).startsWith("retry: 2000\n");
        assertStatus(get(stream, stream + "?types=escalation.created,policy.updated", supervisor), 200);
        String eventId = get(
                        "/v1/escalations/{id}/events",
                        "/v1/escalations/" + opened.json().get("id").asText() + "/events",
                        operator)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asText();
        assertStatus(get(stream, stream + "?last_event_id=" + eventId, admin), 200);
        assertStatus(call(server, "GET", stream, stream, operator, null, null, Map.of("Last-Event-ID", eventId)), 200);
        assertStatus(call(server, "GET", stream, stream, operator, null, null, Map.of("Last-Event-ID", "x")), 422);
        assertStatus(get(stream, stream + "?types=escalation.everything", operator), 422);
        assertStatus(get(stream, agent), 403);

        // Console sessions.
        String console = "/v1/console/session";
        TestServer.Response signedIn = post(console, null, "{\"key\": \"" + operator + "\"}");
        assertStatus(signedIn, 201);
        String cookie = signedIn.header("Set-Cookie").split(";", 2)[0];
        String csrf = signedIn.json().get("csrf_token").asText();
        rejected("POST", console, console, null, "{\"key\": 7}");
        assertStatus(post(console, null, "{\"key\": \"" + agent + "\"}"), 403);
        assertStatus(post(console, null, "{\"key\": \"sb_nobody\"}"), 401);
        assertStatus(call(server, "GET", console, console, null, null, null, Map.of("Cookie", cookie)), 200);
        assertStatus(get(console, operator), 404);
        assertStatus(call(server, "DELETE", console, console, null, null, null, Map.of("Cookie", cookie)), 403);
        assertStatus(
                call(
                        server,
                        "DELETE",
                        console,
                        console,
                        null,
                        null,
                        null,
                        Map.of("Cookie", cookie, Authenticator.CSRF_HEADER, csrf)),
                204);
        assertStatus(call(server, "GET", console, console, null, null, null, Map.of("Cookie", cookie)), 401);

        // Every operation answered with success at least once.
        for (Api.Route route : server.server().api().routes()) {
            String prefix = route.method().name() + " " + route.path() + " 2";
            assertThat(exercised)
                    .as("a successful %s %s was checked", route.method(), route.path())
                    .anyMatch(exchange -> exchange.startsWith(prefix));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests, each checked against the document.

    private TestServer.Response get(String template, String token) {
        return get(template, template, token);
    }

    private TestServer.Response get(String template, String path, String token) {
        return send("GET", template, path, token, null, null);
    }

    private TestServer.Response post(String template, String token, String json) {
        return send("POST", template, template, token, "application/json", json);
    }

    /** A POST to a path of {@code template}, with a JSON body or none (null). */
    private TestServer.Response post(String template, String path, String token, String json) {
        return send("POST", template, path, token, json == null ? null : "application/json", json);
    }

    private TestServer.Response postWith(
            String template, String path, String token, String json, Map<String, String> headers) {
        return call(server, "POST", template, path, token, "application/json", json, headers);
    }

    private TestServer.Response put(
            String template, String token, String contentType, String body, Map<String, String> headers) {
        return call(server, "PUT", template, template, token, contentType, body, headers);
    }

    private TestServer.Response put(String template, String path, String token, String json) {
        return call(server, "PUT", template, path, token, "application/json", json, Map.of());
    }

    private TestServer.Response delete(String path, String token, String json) {
        return send("DELETE", "/v1/api-keys/{id}", path, token, json == null ? null : "application/json", json);
    }

    private TestServer.Response send(
            String method, String template, String path, String token, String contentType, String body) {
        return call(server, method, template, path, token, contentType, body, Map.of());
    }

    /** A request the server must reject with 422, and the documented request schema too. */
    private void rejected(String method, String template, String token, String json) {
        rejected(method, template, template, token, json);
    }

    private void rejected(String method, String template, String path, String token, String json) {
        TestServer.Response response = send(method, template, path, token, "application/json", json);
        assertStatus(response, 422);
        String pointer =
                requestSchemaPointer(operation(method, template), pointer(method, template), "application/json");
        assertThat(validate(pointer, json))
                .as(
                        "the documented request schema of %s %s rejects %s like the server (%s)",
                        method, template, json, response.body())
                .isNotEmpty();
    }

    private String newKey(String admin, String role, String name) {
        TestServer.Response created =
                post("/v1/api-keys", admin, "{\"role\": \"" + role + "\", \"name\": \"" + name + "\"}");
        assertStatus(created, 201);
        return created.json().get("key").asText();
    }

    private String routed(String agent, String json, String mode) {
        TestServer.Response response = post("/v1/route", agent, json);
        assertStatus(response, 200);
        assertThat(response.json().get("mode").asText()).as(json).isEqualTo(mode);
        return response.json().get("decision_id").asText();
    }

    private JsonNode awaitDecisions(String token, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            TestServer.Response page = get("/v1/decisions", "/v1/decisions?limit=500", token);
            assertStatus(page, 200);
            if (page.json().get("items").size() >= count) {
                return page.json();
            }
            if (System.nanoTime() > deadline) {
                fail("the decision log holds " + page.json().get("items").size() + " of " + count + " decisions");
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the packet's resume reaches {@code state} (a push is delivered off the request path). */
    private void awaitResume(String token, String path, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            TestServer.Response packet = get("/v1/escalations/{id}", path, token);
            assertStatus(packet, 200);
            String now = packet.json().get("resume").get("state").asText();
            if (now.equals(state)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("the resume of " + path + " is " + now + ", not " + state);
            }
            Thread.sleep(50);
        }
    }

    private static String keyId(TestServer.Response list, String name) {
        for (JsonNode key : list.json().get("items")) {
            if (key.get("name").asText().equals(name)) {
                return key.get("id").asText();
            }
        }
        throw new AssertionError("no key named " + name + " in " + list.body());
    }

    private static String bigJson() {
        return "{\"message\": \"" + "a".repeat((int) ServerConfig.DEFAULT_MAX_BODY_BYTES + 10) + "\"}";
    }

    private static void assertStatus(TestServer.Response response, int status) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
    }

    /** Sends a request and checks the exchange against the document. */
    private TestServer.Response call(
            TestServer target,
            String method,
            String template,
            String path,
            String token,
            String contentType,
            String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        if (body != null && body.length() > ServerConfig.DEFAULT_MAX_BODY_BYTES) {
            // The server answers 413 without reading such a body; wait for its verdict before sending it.
            request.expectContinue(true);
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.getBytes(UTF_8)));
        TestServer.Response response;
        try {
            HttpResponse<java.io.InputStream> raw =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = raw.body()) {
                // An event stream does not end: its opening frame stands for the body.
                boolean stream = raw.headers()
                        .firstValue("Content-Type")
                        .filter(type -> type.startsWith("text/event-stream"))
                        .isPresent();
                byte[] bytes = stream ? SseClient.openingFrame(in) : in.readAllBytes();
                response =
                        new TestServer.Response(raw.statusCode(), raw.headers().map(), new String(bytes, UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        check(method, template, path, contentType, body, headers, response);
        return response;
    }

    /** The response's status, content type, headers and body are documented; an accepted request matches too. */
    private void check(
            String method,
            String template,
            String path,
            String contentType,
            String body,
            Map<String, String> headers,
            TestServer.Response response) {
        String exchange = method + " " + path + " → " + response;
        JsonNode operation = operation(method, template);
        assertThat(operation.isObject())
                .as("%s %s is documented", method, template)
                .isTrue();
        String status = String.valueOf(response.status());
        JsonNode responses = operation.path("responses");
        assertThat(responses.has(status))
                .as("status %s is documented for %s %s: %s", status, method, template, exchange)
                .isTrue();
        exercised.add(method + " " + template + " " + status);

        String responsePointer = pointer(method, template) + "/responses/" + status;
        JsonNode documented = responses.get(status);
        if (documented.has("$ref")) {
            responsePointer = documented.get("$ref").asText().substring(1);
            documented = openApi.at(responsePointer);
        }
        JsonNode content = documented.path("content");
        if (content.isMissingNode()) {
            assertThat(response.body()).as("%s has no body", exchange).isEmpty();
        } else {
            String type = mediaType(response.header("Content-Type"));
            assertThat(content.has(type))
                    .as("content type %s is documented: %s", type, exchange)
                    .isTrue();
            if (isJson(type)) {
                assertValid(responsePointer + "/content/" + escape(type) + "/schema", response.body(), exchange);
            } else {
                assertThat(response.body()).as(exchange).isNotEmpty();
            }
        }
        String documentedResponse = responsePointer;
        documented.path("headers").properties().forEach(entry -> {
            String headerPointer = documentedResponse + "/headers/" + escape(entry.getKey());
            JsonNode header = entry.getValue();
            if (header.has("$ref")) {
                headerPointer = header.get("$ref").asText().substring(1);
                header = openApi.at(headerPointer);
            }
            String value = response.header(entry.getKey());
            if (header.path("required").asBoolean(false)) {
                assertThat(value)
                        .as("header %s of %s", entry.getKey(), exchange)
                        .isNotNull();
            }
            if (value != null) {
                boolean number = header.path("schema").path("type").asText().equals("integer");
                assertValid(headerPointer + "/schema", number ? value : quote(value), exchange);
            }
        });

        JsonNode parameters = operation.path("parameters");
        for (String name : headers.keySet()) {
            if (name.equals("Cookie") || name.equals(Authenticator.CSRF_HEADER)) {
                continue; // the consoleSession security scheme describes them
            }
            assertThat(hasParameter(parameters, "header", name))
                    .as("header %s is documented for %s %s", name, method, template)
                    .isTrue();
        }
        if (response.status() >= 200 && response.status() < 300) {
            int query = path.indexOf('?');
            if (query >= 0) {
                for (String pair : path.substring(query + 1).split("&")) {
                    String name = pair.split("=", 2)[0];
                    assertThat(hasParameter(parameters, "query", name))
                            .as("query parameter %s is documented for %s %s", name, method, template)
                            .isTrue();
                }
            }
            if (body != null) {
                String type = mediaType(contentType);
                String pointer = requestSchemaPointer(operation, pointer(method, template), type);
                assertValid(pointer, asJson(type, body), "accepted request " + method + " " + path + " " + body);
            } else if (operation.has("requestBody")) {
                assertThat(operation.path("requestBody").path("required").asBoolean(false))
                        .as("%s %s was accepted without a body, so its body is optional", method, template)
                        .isFalse();
            }
        }
    }

    private static boolean hasParameter(JsonNode parameters, String in, String name) {
        for (JsonNode parameter : parameters) {
            JsonNode resolved = resolve(parameter);
            if (resolved.path("in").asText().equals(in)
                    && resolved.path("name").asText().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String requestSchemaPointer(JsonNode operation, String operationPointer, String type) {
        JsonNode requestBody = operation.path("requestBody");
        assertThat(requestBody.path("content").has(type))
                .as("request content type %s is documented at %s", type, operationPointer)
                .isTrue();
        return operationPointer + "/requestBody/content/" + escape(type) + "/schema";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The document.

    private static JsonNode operation(String method, String template) {
        return openApi.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    }

    private static String pointer(String method, String template) {
        return "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
    }

    private static JsonNode queryParameter(String method, String template, String name) {
        for (JsonNode parameter : operation(method, template).path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if (resolved.path("in").asText().equals("query")
                    && resolved.path("name").asText().equals(name)) {
                return resolved;
            }
        }
        throw new AssertionError("no query parameter " + name + " on " + method + " " + template);
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : openApi.at(ref.asText().substring(1));
    }

    private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visitor) {
        if (node.isObject()) {
            visitor.accept(pointer, node);
            node.properties().forEach(entry -> walk(entry.getValue(), pointer + "/" + escape(entry.getKey()), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static boolean isYaml(String mediaType) {
        return mediaType.endsWith("yaml");
    }

    private static String asJson(String mediaType, String body) {
        try {
            return isYaml(mediaType) ? JSON.writeValueAsString(YAML.readTree(body)) : body;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not " + mediaType + ": " + body, e);
        }
    }

    private static String exampleJson(String mediaType, JsonNode example) {
        try {
            if (isYaml(mediaType) && example.isTextual()) {
                return asJson(mediaType, example.asText());
            }
            return JSON.writeValueAsString(example);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, UTF_8);
    }

    private static <E extends Enum<E>> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::code).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JSON Schema validation (OpenAPI 3.1 dialect of JSON Schema 2020-12, formats asserted).

    private static void assertValid(String schemaPointer, String json, String what) {
        assertThat(validate(schemaPointer, json))
                .as("%s validates against %s", what, schemaPointer)
                .isEmpty();
    }

    /** The problems of {@code json} against the schema at {@code schemaPointer} in the document. */
    private static List<String> validate(String schemaPointer, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(schemaPointer, OpenApiTest::compile);
        return schema.validate(json, InputFormat.JSON).stream()
                .map(Object::toString)
                .collect(Collectors.toList());
    }

    /** The schema at a pointer, standing alone, its local references made absolute into the document. */
    private static Schema compile(String schemaPointer) {
        JsonNode node = openApi.at(schemaPointer);
        assertThat(node.isMissingNode()).as("schema at %s", schemaPointer).isFalse();
        JsonNode copy = node.deepCopy();
        walk(copy, "", (pointer, object) -> {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                ((ObjectNode) object).put("$ref", BASE + ref.asText());
            }
        });
        try {
            return registry.getSchema(JSON.writeValueAsString(copy), InputFormat.JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inputs.

    private static final String POLICY_JSON = """
            {
              "low_confidence_threshold": 0.4,
              "scenarios": [
                {"id": "refund", "keywords": {"zh": ["退款"], "en": ["refund*", "money back"], "ar": ["استرداد"]}},
                {"id": "complaint_escalation", "mode": "transfer",
                 "keywords": {"zh": ["投诉"], "en": ["complaint"], "ar": ["شكوى"]}},
                {"id": "transfer", "keywords": {"zh": ["转人工", "人工"], "en": ["human agent"], "ar": ["موظف"]},
                 "exclude": {"zh": ["人工智能"]}}
              ],
              "rules": [
                {"id": "vip_to_human", "stage": "before_keywords", "when": "has(context.vip) && context.vip == true",
                 "mode": "transfer", "reason": "vip_customer",
                 "message": {"en": "A specialist will join you shortly.", "ar": "سينضم إليك أحد المختصين قريبًا.",
                             "zh": "专属客服即将为您服务。"}},
                {"id": "closed_on_friday", "stage": "after_keywords",
                 "when": "has(context.weekday) && context.weekday == 'friday'", "mode": "fixed",
                 "message": {"en": "We are closed today.", "ar": "نحن مغلقون اليوم."}},
                {"id": "warranty_flow", "stage": "after_keywords", "when": "message.contains('warranty')",
                 "mode": "micro_flow", "flow_id": "flow-warranty"},
                {"id": "strict_lookup", "stage": "after_keywords", "when": "context.missing == 1", "mode": "agent"}
              ],
              "messages": {
                "transfer": {"en": "Transferring you to a human agent...", "zh": "正在为您转接人工客服..."},
                "transfer_complaint_escalation": {"ar": "نأسف لذلك، جارٍ تحويل شكواك إلى أحد الموظفين..."}
              },
              "transfer": {"create_escalation": true, "priority": "high", "release_session_on_resolve": true},
              "decision_log": {"full_text": true}
            }
            """;

    private static final String POLICY_YAML = """
            # The same policy as POLICY_JSON, written as a policy author would.
            low_confidence_threshold: 0.4
            scenarios:
              - id: refund
                keywords: {zh: [退款], en: ["refund*", "money back"], ar: [استرداد]}
              - id: complaint_escalation
                mode: transfer
                keywords: {zh: [投诉], en: [complaint], ar: [شكوى]}
              - id: transfer
                keywords: {zh: [转人工, 人工], en: ["human agent"], ar: [موظف]}
                exclude: {zh: [人工智能]}
            rules:
              - id: vip_to_human
                stage: before_keywords
                when: 'has(context.vip) && context.vip == true'
                mode: transfer
                reason: vip_customer
                message: {en: "A specialist will join you shortly.", ar: "سينضم إليك أحد المختصين قريبًا.", zh: "专属客服即将为您服务。"}
              - id: closed_on_friday
                stage: after_keywords
                when: "has(context.weekday) && context.weekday == 'friday'"
                mode: fixed
                message: {en: "We are closed today.", ar: "نحن مغلقون اليوم."}
              - id: warranty_flow
                stage: after_keywords
                when: "message.contains('warranty')"
                mode: micro_flow
                flow_id: flow-warranty
              - id: strict_lookup
                stage: after_keywords
                when: context.missing == 1
                mode: agent
            messages:
              transfer: {en: "Transferring you to a human agent...", zh: "正在为您转接人工客服..."}
              transfer_complaint_escalation: {ar: "نأسف لذلك، جارٍ تحويل شكواك إلى أحد الموظفين..."}
            transfer: {create_escalation: true, priority: high, release_session_on_resolve: true}
            decision_log: {full_text: true}
            """;

    private static final String POLICY_TESTS = """
            {"cases": [
              {"name": "refund zh", "input": {"message": "我要退款"},
               "expect": {"mode": "micro_flow", "risk_scenario": "refund", "high_risk_triggered": true}},
              {"name": "شكوى", "input": {"message": "عندي شكوى", "locale": "ar"},
               "expect": {"mode": "TRANSFER", "reason_code": "high_risk_complaint_escalation", "locale": "ar"}},
              {"name": "vip", "input": {"message": "hello", "context": {"vip": true}},
               "expect": {"mode": "transfer", "decided_by": "policy_rule", "reason_code": "vip_customer"}},
              {"name": "deliberately failing", "input": {"message": "hello"},
               "expect": {"mode": "fixed", "confidence": null, "policy_version": 0}}
            ]}
            """;

    /** No escalation has this id. */
    private static final String UUID_OF_NOTHING = "01a1fd14-0000-7000-8000-000000000000";

    private static final String ESCALATION_POLICY = """
            {
              "sla": {
                "targets": {"critical": {"minutes": 30}, "high": {"hours": 4, "business_hours": true},
                            "low": {"hours": 48}},
                "calendar": {
                  "timezone": "Asia/Riyadh",
                  "hours": {"sun": ["09:00-17:00"], "mon": ["09:00-12:00", "13:00-17:00"], "tue": ["09:00-17:00"],
                            "wed": ["09:00-17:00"], "thu": ["09:00-17:00"]},
                  "holidays": ["2026-12-02", "2026-12-03"]
                }
              },
              "auto_escalation_rules": [
                {"id": "rule_high_value_deal", "when": "deal_value_sar > 100000", "priority": "high",
                 "target_role": "manager", "reason": "high_value_deal",
                 "name": {"en": "Deal above SAR 100,000", "ar": "صفقة تتجاوز 100 ألف ريال", "zh": "交易金额超过10万里亚尔"},
                 "suggested_action": {"en": "Review the deal and approve the negotiation strategy",
                                      "zh": "审核该交易并批准谈判策略"},
                 "risk_if_delayed": {"en": "The deal may be lost or closed on unapproved terms"},
                 "sla": {"hours": 2, "business_hours": true}},
                {"id": "rule_consent_expired", "when": "consent_expired == true", "priority": "critical",
                 "target_role": "compliance", "reason": "consent_expired", "name": {"en": "PDPL consent expired"}}
              ]
            }
            """;

    private static final String QUOTE = """
            {
              "title": "Quote needs approval", "title_ar": "عرض السعر يحتاج إلى موافقة",
              "entity_type": "deal", "entity_id": "D-1", "workflow_name": "quote_approval", "failed_step": "validate",
              "reason": "high_value_deal", "priority": "high", "confidence": 0.4, "target_role": "manager",
              "session_id": "wa-966500000009", "missing_data": ["budget_owner"],
              "risk_if_delayed": "The customer may sign with a competitor", "risk_if_delayed_ar": "قد يوقع العميل مع منافس",
              "suggested_action": "Approve or reject the 12% discount", "suggested_action_ar": "الموافقة على خصم 12% أو رفضه",
              "artifacts": [
                {"type": "text", "name": "note", "content": "The customer asks for 12% off a SAR 150,000 order."},
                {"type": "link", "name": "quote", "url": "https://crm.example.com/quotes/Q-1"},
                {"content": "untitled"}
              ],
              "i18n": {"zh": {"title": "报价需要审批", "suggested_action": "批准或拒绝12%的折扣"}}
            }
            """;

    private static final String INVOICE =
            "{\"title\": \"Missing VAT number\", \"entity_type\": \"invoice\", \"entity_id\": \"INV-7\", "
                    + "\"reason\": \"missing_data\"}";

    private static final String EVERYTHING = """
            {
              "message": "What are your opening hours?",
              "session_id": "wa-966500000001",
              "session_mode": "bot_active",
              "locale": "en",
              "feature_flags": {"agent_enabled": true, "rollback_to_legacy": false},
              "intent_match": {
                "intent_id": "i-42", "intent_name": "opening_hours", "confidence": 0.92, "response_type": "agent",
                "flow_id": "flow-hours", "fixed_reply": "We are open 9:00–17:00.", "transfer_message": "One moment...",
                "target_kb_ids": ["kb-hours", "kb-branches"]
              },
              "intent_hint": {
                "intent": "opening_hours", "confidence": 0.88, "suggested_mode": "agent", "high_risk_detected": false,
                "fallback_reason_code": "hint_fallback", "target_flow_id": "flow-hours"
              },
              "high_risk_check": {"matched": false, "risk_scenario": "refund", "rule_id": "r-1",
                                  "recommended_mode": "micro_flow"},
              "context": {"vip": false, "channel": "whatsapp", "cart": {"items": 2, "total_sar": 149.5}}
            }
            """;
}
