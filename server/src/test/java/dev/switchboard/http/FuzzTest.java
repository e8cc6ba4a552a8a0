package dev.switchboard.http;

import static dev.switchboard.http.FuzzInputs.CONTENT_TYPES;
import static dev.switchboard.http.FuzzInputs.json;
import static dev.switchboard.http.FuzzInputs.pick;
import static dev.switchboard.http.FuzzInputs.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Seeded fuzzing of the whole HTTP API: thousands of malformed, mutated and hostile requests against every route of
 * {@link Api#routes()}, each sent with a credential that lets it reach validation. Every answer must be below 500,
 * every error an RFC 9457 problem ({@code application/problem+json} with the HTTP status and a {@code code}), no body
 * may show a stack trace, and the server must stay ready.
 *
 * <p>Inputs come from {@code new Random(seed)}: a failure message names the seed, and {@code
 * -Dswitchboard.fuzz.seed=<seed>} replays it. Each failure lists the request, the answer and, for a {@code 500}, the
 * exception the server logged for that incident.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzTest {
    private static final long SEED = Long.getLong("switchboard.fuzz.seed", 20_261_121L);
    private static final int REPORTED = 20;
    private static final int THREADS = 4;
    private static final int CHUNK = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INCIDENT = Pattern.compile("incident ([0-9a-f-]{36})");
    private static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO");

    @TempDir
    static Path dataDir;

    private TestServer server;
    private ServerLog serverLog;
    private HttpClient client;
    private ExecutorService pool;
    /** A person's key the console's sign-in accepts. */
    private String consoleKey;

    private final AtomicInteger tenantCounter = new AtomicInteger();
    private final Map<String, Integer> requestCounts = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Map<Integer, Integer>> statusCounts = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeAll
    void start() {
        serverLog = ServerLog.attach();
        server = TestServer.sqlite(
                dataDir, Map.of("SWITCHBOARD_RATE_LIMIT", "1000000", "SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE", "true"));
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        pool = Executors.newFixedThreadPool(THREADS);
        consoleKey = server.createKey(server.createTenant("fz-console"), "operator", "console operator");
    }

    @AfterEach
    void staysReady() {
        Answer ready = send(new Req("GET", "/health/ready", Map.of(), null, "ready check"));
        assertThat(ready.status())
                .as("GET /health/ready after fuzzing: %s", ready)
                .isEqualTo(200);
        Answer live = send(new Req("GET", "/health/live", Map.of(), null, "live check"));
        assertThat(live.status()).as("GET /health/live after fuzzing: %s", live).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        server.close();
        serverLog.detach();
        System.out.println("FuzzTest seed " + SEED + ": "
                + requestCounts.values().stream().mapToInt(Integer::intValue).sum() + " requests");
        requestCounts.forEach((family, count) ->
                System.out.println("  " + family + ": " + count + " requests, statuses " + statusCounts.get(family)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Families.

    /** Broken syntax, encodings, depth, duplicates, odd content types and bodies where none belong, on every route. */
    @Test
    void fuzz_malformedBodiesNeverCause5xx() {
        Findings findings = new Findings("malformed bodies");
        Random random = findings.random();
        Caller caller = tenant("malformed");
        List<Req> requests = new ArrayList<>();
        for (Api.Route route : routes()) {
            String token = caller.token(route.access().getFirst());
            String path = fill(route.path(), "01a1fd12-d2a8-7000-a327-20039b119449");
            JsonNode valid = validBody(route, random);
            boolean takesBody = takesBody(route);
            int count = takesBody ? 80 : 25;
            for (int i = 0; i < count; i++) {
                FuzzInputs.Body body = FuzzInputs.malformed(valid, random);
                String contentType = random.nextInt(5) > 0 ? "application/json" : pick(random, CONTENT_TYPES);
                if (isPolicyDocument(route) && random.nextInt(3) == 0) {
                    contentType = pick(random, "application/yaml", "text/yaml", "application/x-yaml");
                }
                requests.add(Req.of(route.method().name(), path, token, contentType, body.bytes(), body.what()));
            }
            if (takesBody) {
                for (String contentType : CONTENT_TYPES) {
                    requests.add(Req.of(
                            route.method().name(),
                            path,
                            token,
                            contentType,
                            json(valid, random),
                            "valid body as " + contentType));
                }
                requests.add(Req.of(route.method().name(), path, token, null, json(valid, random), "no content type"));
                requests.add(Req.of(route.method().name(), path, token, "application/json", null, "no body"));
            } else {
                requests.add(Req.of(
                        route.method().name(),
                        path,
                        token,
                        "application/json",
                        json(FuzzInputs.validRoute("s"), random),
                        "JSON body on a route without one"));
                requests.add(Req.of(
                        route.method().name(),
                        path,
                        token,
                        "text/plain",
                        utf8("hello"),
                        "text body on a route without one"));
            }
        }
        findings.run(requests);
        findings.assertNone();
    }

    /**
     * Valid bodies with one or two fields changed, so requests pass parsing and reach field validation and business
     * logic: first every field swept with each edge value, then random mutations. Writes must match successes.
     */
    @Test
    void fuzz_mutatedValidBodiesNeverCause5xx() {
        Findings findings = new Findings("mutated valid bodies");
        Random random = findings.random();
        Caller caller = tenant("mutated");
        int keysBefore = keyCount(caller);
        int versionsBefore = versionCount(caller);

        List<Api.Route> bodyRoutes =
                routes().stream().filter(FuzzTest::takesBody).toList();
        for (Api.Route route : bodyRoutes) {
            JsonNode valid = validBody(route, random);
            Answer answer = send(Req.of(
                    route.method().name(),
                    prepared(route, caller),
                    caller.token(route.access().getFirst()),
                    "application/json",
                    FuzzInputs.jsonPlain(valid),
                    "the valid body"));
            if (route.path().equals("/v1/escalations/{id}/resume")) {
                // A push resume needs a handler for the packet's workflow; a server without one says so.
                assertThat(answer.status())
                        .as("the valid resume request without a handler: %s", answer)
                        .isEqualTo(409);
                assertThat(answer.json().path("code").asText()).isEqualTo("no_handler");
                continue;
            }
            assertThat(answer.status())
                    .as("the fuzzer's valid body for %s %s must succeed: %s", route.method(), route.path(), answer)
                    .isBetween(200, 299);
        }
        keysBefore += 1; // the valid POST /v1/api-keys above
        versionsBefore += 1; // the valid PUT /v1/policy above
        List<Req> requests = new ArrayList<>();
        for (Api.Route route : bodyRoutes) {
            JsonNode valid = validBody(route, random);
            String path = prepared(route, caller);
            List<FuzzInputs.Location> locations = FuzzInputs.locations(valid);
            List<String> paths = FuzzInputs.paths(valid);
            List<JsonNode> values = FuzzInputs.sweepValues();
            for (int at = 0; at < locations.size(); at++) {
                for (JsonNode value : values) {
                    JsonNode copy = route.path().equals("/v1/tenants") ? validBody(route, random) : valid.deepCopy();
                    FuzzInputs.locations(copy).get(at).set(value);
                    requests.add(bodyRequest(
                            route, path, caller, copy, random, paths.get(at) + " = " + preview(value.toString(), 40)));
                }
            }
            for (int i = 0; i < 160; i++) {
                List<String> applied = new ArrayList<>();
                JsonNode mutated = FuzzInputs.mutate(validBody(route, random), random, applied);
                requests.add(bodyRequest(route, path, caller, mutated, random, String.join("; ", applied)));
            }
        }
        long escalationsBefore = escalationCount(caller); // after the packets that prepared paths opened
        List<Answer> answers = findings.run(requests);

        int keysCreated = 0;
        int policiesStored = 0;
        int escalationsCreated = 0;
        Set<String> handedOff = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            Req request = requests.get(i);
            if (request.target().equals("/v1/api-keys") && answers.get(i).status() == 201) {
                keysCreated++;
            }
            if (request.target().equals("/v1/policy")
                    && request.method().equals("PUT")
                    && answers.get(i).status() == 200) {
                policiesStored++;
            }
            if (request.target().startsWith("/v1/escalations") && answers.get(i).status() == 201) {
                escalationsCreated++;
            }
            if (request.target().equals("/v1/route") && answers.get(i).status() == 200) {
                JsonNode escalationId = answers.get(i).json().path("escalation_id");
                if (escalationId.isTextual()) {
                    handedOff.add(escalationId.asText()); // a transfer on a bot_active session opens one
                }
            }
        }
        escalationsCreated += handedOff.size();
        long escalationsAfter = escalationCount(caller);
        if (escalationsAfter != escalationsBefore + escalationsCreated) {
            findings.fail(
                    "packets do not match the successful creates, auto-escalations and transfers",
                    escalationsBefore + " before + " + escalationsCreated + " created, but " + escalationsAfter
                            + " after");
        }
        int keysAfter = keyCount(caller);
        if (keysAfter != keysBefore + keysCreated) {
            findings.fail(
                    "active keys do not match the successful POST /v1/api-keys",
                    keysBefore + " before + " + keysCreated + " created, but " + keysAfter + " after");
        }
        int versionsAfter = versionCount(caller);
        if (versionsAfter != versionsBefore + policiesStored) {
            findings.fail(
                    "policy versions do not match the successful PUT /v1/policy",
                    versionsBefore + " before + " + policiesStored + " stored, but " + versionsAfter + " after");
        }
        findings.assertNone();
    }

    /** Policy documents of random structure in JSON and YAML, YAML oddities, CEL broken or huge; then routing. */
    @Test
    void fuzz_policyDocumentsNeverCause5xx() {
        Findings findings = new Findings("policy documents");
        Random random = findings.random();
        Caller caller = tenant("policies");
        List<Req> requests = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ObjectNode policy = FuzzInputs.randomPolicy(random);
            int target = random.nextInt(20);
            if (target < 14) {
                String path = target < 8 ? "/v1/policy/validate" : "/v1/policy";
                String method = target < 8 ? "POST" : "PUT";
                Access access = target < 8 ? Access.SUPERVISOR : Access.ADMIN;
                boolean yaml = random.nextInt(3) == 0;
                byte[] body = yaml ? utf8(FuzzInputs.yamlPolicy(policy, random)) : json(policy, random);
                requests.add(Req.of(
                        method,
                        path,
                        caller.token(access),
                        yaml ? "application/yaml" : "application/json",
                        body,
                        "random policy as " + (yaml ? "YAML" : "JSON")));
            } else {
                ObjectNode test = FuzzInputs.validPolicyTest();
                test.set("policy", policy);
                requests.add(Req.of(
                        "POST",
                        "/v1/policy/test",
                        caller.token(Access.SUPERVISOR),
                        "application/json",
                        json(test, random),
                        "policy test with a random policy"));
            }
        }
        for (String yaml : FuzzInputs.yamlSpecials()) {
            for (String contentType : List.of("application/yaml", "text/x-yaml")) {
                requests.add(Req.of(
                        "POST",
                        "/v1/policy/validate",
                        caller.token(Access.SUPERVISOR),
                        contentType,
                        utf8(yaml),
                        "YAML: " + preview(yaml, 60)));
            }
            requests.add(Req.of(
                    "PUT", "/v1/policy", caller.token(Access.ADMIN), "application/yaml", utf8(yaml), "YAML: " + yaml));
        }
        findings.run(requests);

        // Random keywords and messages made of them in disguise: normalizer, scanner and match ranges, through
        // /v1/policy/test (many messages per request) and through PUT /v1/policy and /v1/route.
        List<Req> keywordRequests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FuzzInputs.KeywordPolicy policy = FuzzInputs.keywordPolicy(random);
            ObjectNode test = FuzzInputs.validPolicyTest();
            test.set("policy", policy.policy());
            var cases = test.putArray("cases");
            for (int c = 0; c < 40; c++) {
                ObjectNode testCase = cases.addObject().put("name", "case " + c);
                testCase.putObject("input").put("message", FuzzInputs.messageWith(policy.keywords(), random));
                testCase.putObject("expect").put("decided_by", "high_risk_keyword");
            }
            keywordRequests.add(Req.of(
                    "POST",
                    "/v1/policy/test",
                    caller.token(Access.SUPERVISOR),
                    "application/json",
                    json(test, random),
                    "keyword policy test " + i));
        }
        List<Answer> keywordAnswers = findings.run(keywordRequests);
        for (int i = 0; i < keywordRequests.size(); i++) {
            checkMatchRanges(findings, keywordRequests.get(i), keywordAnswers.get(i));
        }
        for (int i = 0; i < 20; i++) {
            FuzzInputs.KeywordPolicy policy = FuzzInputs.keywordPolicy(random);
            List<Req> update = List.of(Req.of(
                    "PUT",
                    "/v1/policy",
                    caller.token(Access.ADMIN),
                    "application/json",
                    json(policy.policy(), random),
                    "keyword policy " + i));
            findings.run(update);
            List<Req> messages = new ArrayList<>();
            for (int m = 0; m < 6; m++) {
                ObjectNode route = FuzzInputs.validRoute("kw-" + random.nextInt(10));
                route.remove("session_mode");
                route.put("message", FuzzInputs.messageWith(policy.keywords(), random));
                messages.add(Req.of(
                        "POST",
                        "/v1/route",
                        caller.token(Access.AGENT),
                        "application/json",
                        json(route, random),
                        "message of keywords"));
            }
            findings.run(messages);
        }

        // Whatever policy won must route every kind of message.
        List<Req> routes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ObjectNode route = FuzzInputs.validRoute("p-" + random.nextInt(20));
            route.put("message", random.nextBoolean() ? FuzzInputs.string(random) : FuzzInputs.unicode(random, 300));
            if (random.nextBoolean()) {
                route.remove("locale");
            }
            if (random.nextBoolean()) {
                route.remove("session_mode");
            }
            routes.add(Req.of(
                    "POST", "/v1/route", caller.token(Access.AGENT), "application/json", json(route, random), "route"));
        }
        findings.run(routes);
        findings.assertNone();
    }

    /** Every keyword match of a policy test's decisions lies within its case's message. */
    private static void checkMatchRanges(Findings findings, Req request, Answer answer) {
        if (answer.status() != 200) {
            return;
        }
        JsonNode cases;
        try {
            cases = JSON.readTree(request.body()).path("cases");
        } catch (IOException e) {
            return;
        }
        JsonNode results = answer.json().path("results");
        for (int c = 0; c < results.size(); c++) {
            String message = cases.path(c).path("input").path("message").asText();
            for (JsonNode match : results.path(c).path("decision").path("matches")) {
                int start = match.path("start").asInt(-1);
                int end = match.path("end").asInt(-1);
                if (start < 0 || end <= start || end > message.length()) {
                    findings.fail(
                            "keyword match outside its message",
                            "match " + match + " in message of " + message.length() + " chars: " + preview(message, 200)
                                    + "\n      request: " + request.summary());
                }
            }
        }
    }

    /** Query parameters (unknown, repeated, malformed values), path ids, unknown paths, wrong methods. */
    @Test
    void fuzz_queryParametersPathsAndMethodsNeverCause5xx() {
        Findings findings = new Findings("queries, paths, methods");
        Random random = findings.random();
        Caller caller = tenant("queries");
        for (int i = 0; i < 30; i++) {
            send(Req.of(
                    "POST",
                    "/v1/route",
                    caller.token(Access.AGENT),
                    "application/json",
                    FuzzInputs.jsonPlain(FuzzInputs.validRoute("q-" + i)),
                    "seed the decision log"));
        }
        List<Req> requests = new ArrayList<>();
        String supervisor = caller.token(Access.SUPERVISOR);
        for (String name : List.of("since", "until")) {
            for (String timestamp : TIMESTAMPS) {
                requests.add(Req.of(
                        "GET",
                        "/v1/decisions?" + name + "=" + encode(timestamp),
                        supervisor,
                        null,
                        null,
                        name + " " + timestamp));
            }
        }
        for (String limit : LIMITS) {
            requests.add(Req.of("GET", "/v1/decisions?limit=" + encode(limit), supervisor, null, null, "limit"));
        }
        for (int i = 0; i < 400; i++) {
            requests.add(Req.of("GET", "/v1/decisions?" + decisionQuery(random), supervisor, null, null, "query"));
        }
        for (Api.Route route : routes()) {
            for (int i = 0; i < 12; i++) {
                String query = random.nextBoolean() ? decisionQuery(random) : randomQuery(random);
                requests.add(Req.of(
                        route.method().name(),
                        fill(route.path(), "x") + "?" + query,
                        caller.token(route.access().getFirst()),
                        null,
                        null,
                        "query on " + route.path()));
            }
        }
        for (int i = 0; i < 200; i++) {
            String id = pathId(random);
            String method = random.nextInt(5) > 0 ? "DELETE" : pick(random, METHODS);
            requests.add(
                    Req.of(method, "/v1/api-keys/" + encode(id), caller.token(Access.ADMIN), null, null, "key id"));
        }
        for (String path : UNKNOWN_PATHS) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                requests.add(Req.of(method, path, caller.token(Access.ADMIN), null, null, "unknown path"));
            }
        }
        for (int i = 0; i < 60; i++) {
            String path = "/"
                    + encode(FuzzInputs.unicode(random, 1 + random.nextInt(30)).replace("\u0000", "")) + "/"
                    + encode(FuzzInputs.unicode(random, 5).replace("\u0000", ""));
            requests.add(Req.of(pick(random, METHODS), path, caller.token(Access.ADMIN), null, null, "random path"));
        }
        for (Api.Route route : routes()) {
            for (String method : METHODS) {
                if (method.equals(route.method().name())) {
                    continue;
                }
                byte[] body = random.nextBoolean() ? utf8("{\"message\": \"hi\"}") : null;
                requests.add(Req.of(
                        method,
                        fill(route.path(), "x"),
                        caller.token(route.access().getFirst()),
                        body == null ? null : "application/json",
                        method.equals("HEAD") ? null : body,
                        "wrong method"));
            }
        }
        findings.run(requests);
        findings.assertNone();
    }

    /** Absent, malformed, foreign, revoked and wrong-role credentials on every route. */
    @Test
    void fuzz_authorizationHeadersNeverCause5xx() {
        Findings findings = new Findings("authorization headers");
        Random random = findings.random();
        Caller caller = tenant("auth");
        Caller other = tenant("auth-other");
        String revoked = server.createKey(caller.token(Access.ADMIN), "admin", "to revoke");
        String revokedId = keyIdOf(caller, "to revoke");
        Answer revocation =
                send(Req.of("DELETE", "/v1/api-keys/" + revokedId, caller.token(Access.ADMIN), null, null, "revoke"));
        assertThat(revocation.status()).as("revoking a key: %s", revocation).isEqualTo(204);

        List<Req> requests = new ArrayList<>();
        for (Api.Route route : routes()) {
            String valid = caller.token(route.access().getFirst()) == null
                    ? caller.token(Access.ADMIN)
                    : caller.token(route.access().getFirst());
            List<String> headers = new ArrayList<>(List.of(
                    "Bearer",
                    "Bearer ",
                    "Bearer  ",
                    "bearer " + valid,
                    "BEARER " + valid,
                    "Bearer\t" + valid,
                    "Bearer  " + valid + "  ",
                    "Bearer " + valid + " " + valid,
                    "Bearer " + valid + ",",
                    "Bearer " + valid + "=",
                    "Bearer " + valid.substring(0, valid.length() - 1),
                    "Bearer " + valid.toUpperCase(Locale.ROOT),
                    "Bearer" + valid,
                    "Token " + valid,
                    "Basic dXNlcjpwYXNz",
                    "Basic " + Base64.getEncoder().encodeToString(utf8(valid + ":")),
                    "Bearer sb_",
                    "Bearer sb_AAAAAAAAAAAAAAAAAAAAAA",
                    "Bearer sb_AAAAAAAAAAAAAAAAAAAAAAx",
                    "Bearer sb_!!!!!!!!!!!!!!!!!!!!!!secret",
                    "Bearer sb_" + randomToken(random, 22) + randomToken(random, 43),
                    "Bearer sb_" + (valid.length() > 25 ? valid.substring(3, 25) : valid) + randomToken(random, 43),
                    "Bearer sb_" + "A".repeat(6_000),
                    "Bearer " + "x".repeat(6_000),
                    "Bearer " + revoked,
                    "Bearer " + other.token(Access.ADMIN),
                    "Bearer " + caller.token(Access.AGENT),
                    "Bearer " + caller.token(Access.OPERATOR),
                    "Bearer " + TestServer.ADMIN_TOKEN,
                    "Bearer " + TestServer.ADMIN_TOKEN + "x",
                    "Bearer " + caller.token(Access.ADMIN),
                    "Bearer %00",
                    "Bearer ' OR '1'='1",
                    "Bearer ${jndi:ldap://x}",
                    ""));
            String path = fill(route.path(), revokedId);
            JsonNode body = takesBody(route) ? validBody(route, random) : null;
            for (String header : headers) {
                requests.add(credentialed(
                        route,
                        path,
                        Map.of("Authorization", header),
                        body,
                        random,
                        "Authorization: " + preview(redact(header, caller, other, revoked), 60)));
            }
            requests.add(new Req(
                    route.method().name(),
                    path,
                    body == null ? Map.of() : Map.of("Content-Type", "application/json"),
                    body == null ? null : json(body, random),
                    "no Authorization header"));
            for (String cookie : List.of(
                    Authenticator.SESSION_COOKIE + "=",
                    Authenticator.SESSION_COOKIE + "=sbs_",
                    Authenticator.SESSION_COOKIE + "=sbs_AAAAAAAAAAAAAAAAAAAAAAx",
                    Authenticator.SESSION_COOKIE + "=sbs_!!!!!!!!!!!!!!!!!!!!!!secret",
                    Authenticator.SESSION_COOKIE + "=sbs_" + randomToken(random, 22) + randomToken(random, 43),
                    Authenticator.SESSION_COOKIE + "=" + valid,
                    Authenticator.SESSION_COOKIE + "=\"quoted\"; other=1",
                    "other=1; " + Authenticator.SESSION_COOKIE + "=sbs_" + randomToken(random, 40))) {
                requests.add(credentialed(
                        route,
                        path,
                        Map.of("Cookie", cookie, Authenticator.CSRF_HEADER, randomToken(random, 32)),
                        body,
                        random,
                        "Cookie: " + preview(redact(cookie, caller, other, revoked), 60)));
            }
        }
        findings.run(requests);
        findings.assertNone();
    }

    /** A request of {@code route} with these credential headers, and its valid body (if it takes one). */
    private Req credentialed(
            Api.Route route, String path, Map<String, String> credentials, JsonNode body, Random random, String what) {
        Map<String, String> headers = new LinkedHashMap<>(credentials);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new Req(route.method().name(), path, headers, body == null ? null : json(body, random), what);
    }

    /**
     * {@code Idempotency-Key} and {@code If-Match} of every shape on the escalation writes: a key that is not 1–255
     * visible ASCII characters is invalid, a key reused with another body is {@code idempotency_key_reused}, a
     * malformed version is a {@code 400} and a stale one a {@code 412}; a replay answers as the first request did and
     * opens nothing.
     */
    @Test
    void fuzz_escalationHeadersNeverCause5xx() {
        Findings findings = new Findings("escalation headers");
        Random random = findings.random();
        Caller caller = tenant("headers");
        String agent = caller.token(Access.AGENT);
        String operator = caller.token(Access.OPERATOR);
        List<String> keys = new ArrayList<>(List.of(
                "",
                " ",
                "k",
                "key with spaces",
                "ключ",
                "مفتاح",
                "钥匙",
                "tab\tkey",
                "x".repeat(255),
                "x".repeat(256),
                "x".repeat(5_000),
                "\"quoted\"",
                "a,b",
                UUID.randomUUID().toString()));
        for (int i = 0; i < 30; i++) {
            keys.add(FuzzInputs.unicode(random, 1 + random.nextInt(40)));
        }
        List<Req> requests = new ArrayList<>();
        for (String key : keys) {
            for (int variant = 0; variant < 2; variant++) {
                ObjectNode body = FuzzInputs.validEscalation();
                body.put("entity_id", "idem-" + variant);
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", "Bearer " + agent);
                headers.put("Content-Type", "application/json");
                headers.put("Idempotency-Key", headerValue(key));
                requests.add(new Req(
                        "POST",
                        "/v1/escalations",
                        headers,
                        json(body, random),
                        "Idempotency-Key " + preview(key, 30) + ", body " + variant));
            }
        }
        List<String> versions = new ArrayList<>(List.of(
                "",
                "*",
                "\"1\"",
                "W/\"1\"",
                "1",
                "\"0\"",
                "\"-1\"",
                "\"999999999\"",
                "\"9999999999\"",
                "\"99999999999999999999\"",
                "\"1\", \"2\"",
                "\"1.5\"",
                "\"١\"",
                "\"１\"",
                "W/",
                "\"\"",
                "x".repeat(5_000)));
        for (int i = 0; i < 20; i++) {
            versions.add(FuzzInputs.unicode(random, 1 + random.nextInt(20)));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(createEscalation(caller).path("id").asText());
        }
        for (String version : versions) {
            for (String action : List.of("assign", "unassign", "resolve", "cancel")) {
                JsonNode body = switch (action) {
                    case "assign" -> FuzzInputs.validAssign();
                    case "resolve" -> FuzzInputs.validResolve();
                    case "cancel" -> FuzzInputs.validCancel();
                    default -> FuzzInputs.empty();
                };
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", "Bearer " + (action.equals("cancel") ? agent : operator));
                headers.put("Content-Type", "application/json");
                headers.put("If-Match", headerValue(version));
                requests.add(new Req(
                        "POST",
                        "/v1/escalations/" + pick(random, ids) + "/" + action,
                        headers,
                        json(body, random),
                        action + " with If-Match " + preview(version, 30)));
            }
        }
        List<Answer> answers = new ArrayList<>();
        // One at a time: the answers below are checked against each other.
        for (Req request : requests) {
            Answer answer = send(request);
            findings.check(request, answer);
            answers.add(answer);
        }
        Map<String, Answer> firstByKey = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Req request = requests.get(i);
            Answer answer = answers.get(i);
            String key = request.headers().get("Idempotency-Key");
            if (key == null || answer.status() >= 400) {
                continue;
            }
            Answer first = firstByKey.putIfAbsent(key, answer);
            if (first != null) {
                findings.fail(request, answer, "a key reused with another body was accepted");
            } else if (answer.status() != 201) {
                findings.fail(request, answer, "a first create answered other than 201");
            }
        }
        for (int i = 0; i < requests.size(); i++) {
            Answer answer = answers.get(i);
            String key = requests.get(i).headers().get("Idempotency-Key");
            String code = answer.status() == 422 ? answer.json().path("code").asText() : "";
            if (key != null && code.equals("idempotency_key_reused") && !firstByKey.containsKey(key)) {
                findings.fail(requests.get(i), answer, "a key that was never accepted called reused");
            }
            if (key != null && code.equals("validation_failed") && firstByKey.containsKey(key)) {
                findings.fail(requests.get(i), answer, "an accepted key called invalid");
            }
        }
        // Replaying each accepted key with its first body answers the same packet and opens nothing new.
        long before = escalationCount(caller);
        for (int i = 0; i < requests.size(); i += 2) {
            Req request = requests.get(i);
            Answer first = answers.get(i);
            if (first.status() != 201) {
                continue;
            }
            Answer replay = send(request);
            findings.check(request, replay);
            if (replay.status() != 201
                    || !replay.json().path("id").equals(first.json().path("id"))
                    || !replay.json().path("resume_token").equals(first.json().path("resume_token"))) {
                findings.fail(request, replay, "a replay answered differently: first " + first);
            }
        }
        if (escalationCount(caller) != before) {
            findings.fail("replays opened packets", before + " -> " + escalationCount(caller));
        }
        findings.assertNone();
    }

    /**
     * Requests that break HTTP itself (bad percent-encoding, NUL in the path, bad UTF-8, oversized request line or
     * headers, bad Content-Length, bad chunking), sent over a raw socket. The answer must still be a problem document.
     */
    /**
     * The live stream's inputs: {@code Last-Event-ID} (header and parameter) and {@code types} of every shape. An
     * answer is a stream that opens with its {@code retry} line, or a problem.
     */
    @Test
    void fuzz_eventStreamInputsNeverCause5xx() {
        Findings findings = new Findings("event stream");
        Random random = findings.random();
        Caller caller = tenant("stream");
        String operator = caller.token(Access.OPERATOR);
        List<String> ids = new ArrayList<>(List.of(
                "",
                " ",
                "0",
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString().toUpperCase(Locale.ROOT),
                "01a1fd12-d2a8-7000-a327-20039b119449 ",
                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "00000000-0000-0000-0000-000000000000",
                "x".repeat(5_000),
                "' OR 1=1 --",
                "معرف",
                "标识"));
        List<String> types = new ArrayList<>(List.of(
                "",
                ",",
                "escalation.created",
                "escalation.created,,escalation.resolved",
                " escalation.created ",
                "ESCALATION.CREATED",
                "escalation.*",
                "policy.updated,session.released",
                "escalation.created".repeat(200)));
        for (int i = 0; i < 20; i++) {
            ids.add(FuzzInputs.unicode(random, 1 + random.nextInt(40)));
            types.add(FuzzInputs.unicode(random, 1 + random.nextInt(20)));
        }
        List<Req> requests = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + operator);
            headers.put("Last-Event-ID", headerValue(id));
            requests.add(new Req("GET", "/v1/events/stream", headers, null, "Last-Event-ID " + preview(id, 30)));
            requests.add(Req.of(
                    "GET",
                    "/v1/events/stream?last_event_id=" + encode(id),
                    operator,
                    null,
                    null,
                    "last_event_id " + preview(id, 30)));
        }
        for (String type : types) {
            requests.add(Req.of(
                    "GET",
                    "/v1/events/stream?types=" + encode(type),
                    operator,
                    null,
                    null,
                    "types " + preview(type, 30)));
        }
        for (Answer answer : findings.run(requests)) {
            if (answer.status() == 200 && !answer.body().startsWith("retry: ")) {
                findings.fail("a stream that does not open with its retry line", answer.toString());
            }
        }
        findings.assertNone();
    }

    @Test
    void fuzz_protocolLevelErrorsAreProblemDetails() {
        Findings findings = new Findings("protocol-level errors");
        Caller caller = tenant("protocol");
        String supervisor = caller.token(Access.SUPERVISOR);
        String admin = caller.token(Access.ADMIN);
        String host = "Host: 127.0.0.1\r\nConnection: close\r\n";
        String[] requests = {
            "GET /v1/decisions?limit=%zz HTTP/1.1\r\n" + host + "Authorization: Bearer " + supervisor + "\r\n\r\n",
            "GET /v1/decisions?cursor=% HTTP/1.1\r\n" + host + "Authorization: Bearer " + supervisor + "\r\n\r\n",
            "GET /v1/decisions?%zz=1 HTTP/1.1\r\n" + host + "Authorization: Bearer " + supervisor + "\r\n\r\n",
            "GET /v1/decisions?since=%ff HTTP/1.1\r\n" + host + "Authorization: Bearer " + supervisor + "\r\n\r\n",
            "DELETE /v1/api-keys/%zz HTTP/1.1\r\n" + host + "Authorization: Bearer " + admin + "\r\n\r\n",
            "DELETE /v1/api-keys/%00 HTTP/1.1\r\n" + host + "Authorization: Bearer " + admin + "\r\n\r\n",
            "DELETE /v1/api-keys/%ff%fe HTTP/1.1\r\n" + host + "Authorization: Bearer " + admin + "\r\n\r\n",
            "DELETE /v1/api-keys/%C0%AF HTTP/1.1\r\n" + host + "Authorization: Bearer " + admin + "\r\n\r\n",
            "DELETE /v1/api-keys/%ED%A0%80 HTTP/1.1\r\n" + host + "Authorization: Bearer " + admin + "\r\n\r\n",
            "DELETE /v1/api-keys/" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "Authorization: Bearer " + admin
                    + "\r\n\r\n",
            "GET /v1/tenant HTTP/1.1\r\n" + host + "Authorization: Bearer " + admin + "\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\n\r\n",
            "GET /v1/tenant HTTP/1.1\r\n" + host + "Authorization: Bearer \u00ff\u00fe\u0080\r\n\r\n",
            "GET /v1/tenant\u0001 HTTP/1.1\r\n" + host + "\r\n",
            "POST /v1/route HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n",
            "POST /v1/route HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n",
            "POST /v1/route HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999\r\n\r\n",
            "POST /v1/route HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            "POST /v1/route HTTP/1.1\r\n" + host + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n0\r\n\r\n",
            "POST /v1/route HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\nabc",
            "POST /v1/route HTTP/1.1\r\n" + host + "Authorization: Bearer " + caller.token(Access.AGENT)
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            "GET /health/ready HTTP/1.1\r\n" + host + "Bad Header: x\r\n\r\n",
            "GET /health/ready HTTP/1.1\r\n" + host + "Expect: the-unexpected\r\n\r\n",
            "GET /health/ready HTTP/1.1\r\nConnection: close\r\n\r\n",
            "GET /health/ready HTTP/1.1\r\n" + host + "Host: other\r\n\r\n",
            "GET http://example.com/health/ready HTTP/1.1\r\n" + host + "\r\n",
            "GARBAGE\r\n\r\n",
        };
        for (String request : requests) {
            Answer answer = raw(request.getBytes(StandardCharsets.ISO_8859_1), false);
            findings.check(new Req("RAW", preview(request.replace("\r\n", " | "), 160), Map.of(), null, "raw"), answer);
        }
        String truncated = "POST /v1/route HTTP/1.1\r\n" + host + "Authorization: Bearer " + caller.token(Access.AGENT)
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"message\": \"cut";
        Answer answer = raw(truncated.getBytes(StandardCharsets.ISO_8859_1), true);
        findings.check(
                new Req("RAW", preview(truncated.replace("\r\n", " | "), 160), Map.of(), null, "body cut short"),
                answer);
        findings.assertNone();
        // An HTTP/2 preface is not an HTTP/1.1 request at all: Jetty answers it on the connection, before any API.
        Answer http2 = raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(http2.status()).isEqualTo(426);
    }

    /**
     * Rejected requests write nothing: invalid policy updates leave the version and document, invalid key requests
     * the key list, a DELETE with a body the key, and invalid tenant requests the tenant id free.
     */
    @Test
    void rejectedRequestsWriteNothing() {
        Findings findings = new Findings("rejected requests write nothing");
        Random random = findings.random();
        Caller caller = tenant("nowrite");
        JsonNode policyBefore = send(Req.of("GET", "/v1/policy", caller.token(Access.SUPERVISOR), null, null, "policy"))
                .json();
        int versionsBefore = versionCount(caller);
        List<String> keysBefore = keyIds(caller);

        List<Req> requests = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ObjectNode policy = FuzzInputs.validPolicy();
            List<String> applied = new ArrayList<>();
            JsonNode invalid = breakPolicy(FuzzInputs.mutate(policy, random, applied), random, applied);
            boolean yaml = random.nextBoolean();
            requests.add(Req.of(
                    "PUT",
                    "/v1/policy",
                    caller.token(Access.ADMIN),
                    yaml ? "application/yaml" : "application/json",
                    yaml ? utf8(FuzzInputs.yaml(invalid)) : json(invalid, random),
                    String.join("; ", applied)));
        }
        for (int i = 0; i < 50; i++) {
            FuzzInputs.Body body = FuzzInputs.malformed(FuzzInputs.validPolicy(), random);
            String text = new String(body.bytes(), StandardCharsets.UTF_8).strip();
            if (text.equals("{}") || body.what().equals("UTF-8 BOM")) {
                continue; // a valid policy after all
            }
            requests.add(Req.of(
                    "PUT", "/v1/policy", caller.token(Access.ADMIN), "application/json", body.bytes(), body.what()));
        }
        for (int i = 0; i < 150; i++) {
            List<String> applied = new ArrayList<>();
            ObjectNode key = (ObjectNode) FuzzInputs.mutate(FuzzInputs.validKey(), random, applied);
            String field = pick(random, "role", "name", "unknown");
            String value = switch (field) {
                case "role" -> pick(random, "superuser", "", " admin", "ADMIN\u0000", "admins", "ａｄｍｉｎ");
                case "name" -> pick(random, "", " ", "a".repeat(101), "<script>", "tab\tname", "new\nline");
                default -> "anything";
            };
            key.put(field, value);
            applied.add(field + " = " + preview(value, 20));
            requests.add(Req.of(
                    "POST",
                    "/v1/api-keys",
                    caller.token(Access.ADMIN),
                    "application/json",
                    json(key, random),
                    String.join("; ", applied)));
        }
        for (String keyId : keysBefore) {
            requests.add(Req.of(
                    "DELETE",
                    "/v1/api-keys/" + keyId,
                    caller.token(Access.ADMIN),
                    "application/json",
                    utf8("{}"),
                    "DELETE with a body"));
            requests.add(Req.of(
                    "DELETE",
                    "/v1/api-keys/" + keyId,
                    caller.token(Access.SUPERVISOR),
                    null,
                    null,
                    "DELETE by a supervisor"));
        }
        String freeId = "nowrite-free-" + tenantCounter.incrementAndGet();
        for (int i = 0; i < 60; i++) {
            ObjectNode tenant = FuzzInputs.validTenant(freeId);
            String field = pick(random, "name", "default_locale", "timezone", "unknown");
            String value = switch (field) {
                case "name" -> pick(random, "", " ", "a".repeat(201));
                case "default_locale" -> pick(random, "", "fr", "en-US", "ｅｎ");
                case "timezone" -> pick(random, "", "Mars/Olympus", "UTC+25", "a".repeat(65));
                default -> "anything";
            };
            tenant.put(field, value);
            requests.add(Req.of(
                    "POST",
                    "/v1/tenants",
                    TestServer.ADMIN_TOKEN,
                    "application/json",
                    json(tenant, random),
                    "tenant with " + field + " = " + preview(value, 20)));
        }
        List<Answer> answers = findings.run(requests);
        for (int i = 0; i < requests.size(); i++) {
            if (answers.get(i).status() < 400) {
                findings.fail(requests.get(i), answers.get(i), "an invalid request was accepted");
            }
        }

        JsonNode policyAfter = send(Req.of("GET", "/v1/policy", caller.token(Access.SUPERVISOR), null, null, "policy"))
                .json();
        if (!policyAfter.equals(policyBefore)) {
            findings.fail(
                    "the policy changed after rejected updates",
                    "before: " + preview(policyBefore.toString(), 300) + "\n      after:  "
                            + preview(policyAfter.toString(), 300));
        }
        int versionsAfter = versionCount(caller);
        if (versionsAfter != versionsBefore) {
            findings.fail("policy versions changed after rejected updates", versionsBefore + " -> " + versionsAfter);
        }
        List<String> keysAfter = keyIds(caller);
        if (!keysAfter.equals(keysBefore)) {
            findings.fail("active keys changed after rejected key requests", keysBefore + " -> " + keysAfter);
        }
        Answer created = send(Req.of(
                "POST",
                "/v1/tenants",
                TestServer.ADMIN_TOKEN,
                "application/json",
                FuzzInputs.jsonPlain(FuzzInputs.validTenant(freeId)),
                "valid tenant"));
        if (created.status() != 201) {
            findings.fail("tenant id " + freeId + " was taken by a rejected creation", "answer: " + created);
        }
        findings.assertNone();
    }

    /**
     * Text edge cases (NUL, lone surrogates, non-characters, controls) in every stored or queried string, against
     * PostgreSQL, which refuses some text that SQLite stores. Skipped when PostgreSQL is unreachable (as the store's
     * contract tests are), required under {@code CI=true}.
     */
    @Test
    void fuzz_postgresTextEdgeCasesNeverCause5xx() {
        try (TestServer postgres = TestServer.postgres(Map.of("SWITCHBOARD_RATE_LIMIT", "1000000"))) {
            Findings findings = new Findings("PostgreSQL text edge cases", postgres);
            Random random = findings.random();
            Caller caller = tenant(postgres, "postgres");
            List<Req> requests = new ArrayList<>();
            for (String text : TEXT_EDGES) {
                ObjectNode tenant = FuzzInputs.validTenant("fz-pg-" + tenantCounter.incrementAndGet());
                tenant.put("name", "tenant " + text);
                requests.add(Req.of(
                        "POST",
                        "/v1/tenants",
                        TestServer.ADMIN_TOKEN,
                        "application/json",
                        json(tenant, random),
                        "tenant name " + preview(text, 20)));
                for (String name : List.of("session_id", "reason_code", "risk_scenario", "mode")) {
                    requests.add(Req.of(
                            "GET",
                            "/v1/decisions?" + name + "=" + encode(text),
                            caller.token(Access.SUPERVISOR),
                            null,
                            null,
                            name));
                }
                ObjectNode policy = FuzzInputs.validPolicy();
                ((ObjectNode) policy.path("messages").path("transfer")).put("en", "hold on " + text);
                ((ArrayNode) policy.path("scenarios").path(0).path("keywords").path("en")).add("refund " + text);
                for (boolean yaml : new boolean[] {false, true}) {
                    requests.add(Req.of(
                            "PUT",
                            "/v1/policy",
                            caller.token(Access.ADMIN),
                            yaml ? "application/yaml" : "application/json",
                            yaml ? utf8(FuzzInputs.yaml(policy)) : FuzzInputs.jsonEscaped(policy),
                            "policy texts with " + preview(text, 20)));
                }
            }
            JsonNode route = FuzzInputs.validRoute("pg-session");
            List<FuzzInputs.Location> locations = FuzzInputs.locations(route);
            List<String> paths = FuzzInputs.paths(route);
            for (int at = 0; at < locations.size(); at++) {
                if (!locations.get(at).get().isTextual()) {
                    continue;
                }
                for (String text : TEXT_EDGES) {
                    JsonNode copy = FuzzInputs.validRoute("pg-" + random.nextInt(1_000));
                    FuzzInputs.Location location = FuzzInputs.locations(copy).get(at);
                    location.set(TextNode.valueOf(location.get().textValue() + text));
                    if (random.nextBoolean()) {
                        ((ObjectNode) copy).remove("session_mode");
                    }
                    requests.add(Req.of(
                            "POST",
                            "/v1/route",
                            caller.token(Access.AGENT),
                            "application/json",
                            FuzzInputs.jsonEscaped(copy),
                            paths.get(at) + " + " + preview(text, 20)));
                }
            }
            JsonNode escalation = FuzzInputs.validEscalation();
            List<FuzzInputs.Location> escalationLocations = FuzzInputs.locations(escalation);
            List<String> escalationPaths = FuzzInputs.paths(escalation);
            for (int at = 0; at < escalationLocations.size(); at++) {
                if (!escalationLocations.get(at).get().isTextual()) {
                    continue;
                }
                for (String text : TEXT_EDGES) {
                    JsonNode copy = FuzzInputs.validEscalation();
                    FuzzInputs.Location location = FuzzInputs.locations(copy).get(at);
                    location.set(TextNode.valueOf(location.get().textValue() + text));
                    requests.add(Req.of(
                            "POST",
                            "/v1/escalations",
                            caller.token(Access.AGENT),
                            "application/json",
                            FuzzInputs.jsonEscaped(copy),
                            escalationPaths.get(at) + " + " + preview(text, 20)));
                }
            }
            for (String text : TEXT_EDGES) {
                for (String name : List.of("assigned_to", "target_role", "entity_type", "entity_id", "cursor")) {
                    requests.add(Req.of(
                            "GET",
                            "/v1/escalations?" + name + "=" + encode(text),
                            caller.token(Access.OPERATOR),
                            null,
                            null,
                            "queue " + name));
                }
                ObjectNode auto = FuzzInputs.validAuto("pg-auto " + text);
                ((ObjectNode) auto.path("context")).put("workflow_name", "refunds" + text);
                requests.add(Req.of(
                        "POST",
                        "/v1/escalations/auto",
                        caller.token(Access.AGENT),
                        "application/json",
                        FuzzInputs.jsonEscaped(auto),
                        "auto context with " + preview(text, 20)));
                if (text.indexOf('\u0000') >= 0) {
                    // Jetty refuses a NUL in the path while parsing and may reset the connection before the client
                    // reads its 400; fuzz_protocolLevelErrorsAreProblemDetails sends those over a raw socket.
                    continue;
                }
                requests.add(Req.of(
                        "GET",
                        "/v1/escalations/" + encode("e" + text),
                        caller.token(Access.OPERATOR),
                        null,
                        null,
                        "packet id with " + preview(text, 20)));
                requests.add(Req.of(
                        "POST",
                        "/v1/resume/" + encode("rt_" + text),
                        caller.token(Access.AGENT),
                        null,
                        null,
                        "resume token with " + preview(text, 20)));
            }
            findings.run(requests);
            findings.assertNone();
        }
    }

    /**
     * Valid policy updates racing on one tenant of a PostgreSQL server (16 at a time), with routes and key creations
     * in between: each update is stored or refused with a problem, never a 500. Skipped without PostgreSQL.
     */
    @Test
    void concurrentPolicyUpdatesOnPostgresNeverCause5xx() {
        try (TestServer postgres = TestServer.postgres(Map.of("SWITCHBOARD_RATE_LIMIT", "1000000"))) {
            Findings findings = new Findings("concurrent updates on PostgreSQL", postgres);
            Caller caller = tenant(postgres, "concurrent");
            List<Req> requests = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                requests.add(
                        switch (i % 4) {
                            case 0 ->
                                Req.of(
                                        "POST",
                                        "/v1/route",
                                        caller.token(Access.AGENT),
                                        "application/json",
                                        utf8("{\"message\": \"refund please\", \"session_id\": \"c" + i % 7 + "\"}"),
                                        "route");
                            case 1 ->
                                Req.of(
                                        "POST",
                                        "/v1/api-keys",
                                        caller.token(Access.ADMIN),
                                        "application/json",
                                        utf8("{\"role\": \"agent\", \"name\": \"k" + i + "\"}"),
                                        "key");
                            default ->
                                Req.of(
                                        "PUT",
                                        "/v1/policy",
                                        caller.token(Access.ADMIN),
                                        "application/json",
                                        utf8("{\"low_confidence_threshold\": 0." + (i % 9 + 1) + "}"),
                                        "policy update");
                        });
            }
            ExecutorService many = Executors.newFixedThreadPool(16);
            try {
                findings.run(requests, many);
            } finally {
                many.shutdownNow();
            }
            findings.assertNone();
        }
    }

    private static final List<String> TEXT_EDGES = List.of(
            "\u0000", "a\u0000b", "\ud800", "a\udfff", "\uFFFE", "\u0001\u001F\u007F", "😀", "\u202E", "ـ", "\\");

    /** With the rate limit exhausted the answer is a 429 problem with Retry-After, not a 5xx. */
    @Test
    void rateLimitedRequestsGetA429Problem() throws IOException {
        Path folder = Files.createDirectories(dataDir.resolve("rate-limited"));
        try (TestServer limited =
                TestServer.sqlite(folder, Map.of("SWITCHBOARD_RATE_LIMIT", "0.001", "SWITCHBOARD_RATE_BURST", "1"))) {
            String admin = limited.createTenant("limited");
            String operator = limited.createKey(admin, "operator", "limited operator");
            TestServer.Response first = limited.get("/v1/tenant", operator);
            TestServer.Response second = limited.get("/v1/tenant", operator);
            assertThat(first.status()).as("first request: %s", first).isEqualTo(200);
            assertThat(second.status()).as("second request: %s", second).isEqualTo(429);
            assertThat(second.header("Retry-After")).as("Retry-After").isNotBlank();
            assertThat(second.header("Content-Type")).startsWith("application/problem+json");
            assertThat(second.json().path("status").asInt()).isEqualTo(429);
            assertThat(second.json().path("code").asText()).isEqualTo("rate_limited");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inputs for queries and paths.

    private static final List<String> TIMESTAMPS = List.of(
            "2026-01-01T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-06-30T23:59:60Z",
            "2026-01-01T00:00:00.1234567891Z",
            "2026-01-01T00:00:00+03:00",
            "2026-01-01T00:00:00z",
            "2026-01-01 00:00:00Z",
            "2026-01-01",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "+292278994-08-17T07:12:55.807Z",
            "+292278994-08-17T07:12:55.808Z",
            "-292275055-05-16T16:47:04.192Z",
            "-292275055-05-16T16:47:04.191Z",
            "+300000000-01-01T00:00:00Z",
            "-300000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z",
            "+1000000001-01-01T00:00:00Z",
            "0",
            "1e9",
            "now",
            "",
            "٢٠٢٦-٠١-٠١T00:00:00Z");

    private static final List<String> LIMITS = List.of(
            "-1",
            "0",
            "1",
            "500",
            "501",
            "abc",
            "1e9",
            "2147483648",
            "-2147483649",
            " 5",
            "+5",
            "٥",
            "0x10",
            "",
            "1.5",
            "9".repeat(50),
            "５");

    private static final List<String> UNKNOWN_PATHS = List.of(
            "/",
            "/v1",
            "/v1/",
            "/v2/route",
            "/v1/route/",
            "/v1//route",
            "/V1/ROUTE",
            "/v1/route;jsessionid=x",
            "/v1/%2e%2e/tenants",
            "/./v1/route",
            "/v1/api-keys/a/b",
            "/v1/api-keys/",
            "/v1/policy/versions/1",
            "/health",
            "/metrics/",
            "/openapi.yaml",
            "/%F0%9F%98%80",
            "/v1/%E2%80%AE",
            "/" + "a".repeat(3_000));

    private String decisionQuery(Random random) {
        List<String> parts = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(6) > 0
                    ? pick(
                            random,
                            "mode",
                            "reason_code",
                            "risk_scenario",
                            "session_id",
                            "since",
                            "until",
                            "limit",
                            "cursor")
                    : pick(random, "foo", "LIMIT", "limit ", "", "cursor[]", "a.b", "😀", "since\u0000");
            parts.add(encode(name) + "=" + encode(queryValue(name, random)));
            if (random.nextInt(10) == 0) {
                parts.add(encode(name) + "=" + encode(queryValue(name, random)));
            }
        }
        if (random.nextInt(10) == 0) {
            parts.add(pick(random, "flag", "=", "&", "=x", "a==b"));
        }
        while (String.join("&", parts).length() > MAX_ENCODED && parts.size() > 1) {
            parts.removeLast();
        }
        String query = String.join("&", parts);
        return query.length() > MAX_ENCODED ? "limit=1" : query;
    }

    private static String randomQuery(Random random) {
        return encode(FuzzInputs.unicode(random, 1 + random.nextInt(8))) + "=" + encode(FuzzInputs.unicode(random, 8));
    }

    private String queryValue(String name, Random random) {
        return switch (name) {
            case "mode" -> FuzzInputs.oddCase(pick(random, "agent", "micro_flow", "fixed", "transfer"), random);
            case "since", "until" -> pick(random, TIMESTAMPS);
            case "limit" -> pick(random, LIMITS);
            case "cursor" -> cursor(random);
            default -> {
                String value = FuzzInputs.string(random);
                yield value.length() > 400 ? value.substring(0, pick(random, 199, 200, 201, 400)) : value;
            }
        };
    }

    private static String cursor(Random random) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return switch (random.nextInt(9)) {
            case 0 -> Queries.encodeCursor(FuzzInputs.unicode(random, 10));
            case 1 -> Queries.encodeCursor("' OR 1=1 --");
            case 2 -> Queries.encodeCursor("");
            case 3 -> "!!!not base64!!!";
            case 4 -> "c1:abc";
            case 5 -> Base64.getUrlEncoder().encodeToString(utf8("c1:x"));
            case 6 -> {
                byte[] bytes = new byte[1 + random.nextInt(40)];
                random.nextBytes(bytes);
                yield url.encodeToString(bytes);
            }
            case 7 -> Queries.encodeCursor("z".repeat(2_000));
            default -> Queries.encodeCursor("01a1fd12-d2a8-7000-a327-20039b119449");
        };
    }

    private static String pathId(Random random) {
        String id = switch (random.nextInt(6)) {
            case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
            case 1 -> FuzzInputs.unicode(random, 1 + random.nextInt(60));
            case 2 -> pick(random, "..", ".", "%", "%2F", "a/b", "a\\b", "' OR '1'='1", "null", "-1", " ", "~");
            case 3 -> "k".repeat(pick(random, 199, 200, 201, 1_000, 2_000));
            default -> FuzzInputs.string(random);
        };
        id = id.replace("\u0000", "");
        if (id.isEmpty()) {
            id = "empty";
        }
        while (encode(id).length() > MAX_ENCODED) {
            id = id.substring(0, id.offsetByCodePoints(0, id.codePointCount(0, id.length()) / 2));
        }
        return id;
    }

    /**
     * Longest percent-encoded path segment or query the families send: Jetty refuses longer request lines (8 KiB)
     * before the API sees them, which {@link #fuzz_protocolLevelErrorsAreProblemDetails} covers.
     */
    private static final int MAX_ENCODED = 6_000;

    private static String randomToken(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    /** A policy made surely invalid (on top of random mutations): an unknown field, a bad id, enum or condition. */
    private static JsonNode breakPolicy(JsonNode policy, Random random, List<String> applied) {
        ObjectNode root = policy.isObject() ? (ObjectNode) policy : FuzzInputs.validPolicy();
        switch (random.nextInt(5)) {
            case 0 -> {
                root.put("unknown_section", true);
                applied.add("+ unknown root field");
            }
            case 1 -> {
                root.putArray("rules")
                        .addObject()
                        .put("id", "r")
                        .put("when", "message ==")
                        .put("mode", "agent");
                applied.add("+ rule with a broken condition");
            }
            case 2 -> {
                root.putArray("scenarios")
                        .addObject()
                        .put("id", "Bad-Id")
                        .putObject("keywords")
                        .putArray("en")
                        .add("x");
                applied.add("+ scenario with a bad id");
            }
            case 3 -> {
                root.put("low_confidence_threshold", 1.5);
                applied.add("+ threshold 1.5");
            }
            default -> {
                root.putObject("transfer").put("priority", "urgent");
                applied.add("+ unknown priority");
            }
        }
        return root;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Routes, bodies, tenants.

    private List<Api.Route> routes() {
        return server.server().api().routes();
    }

    private static boolean takesBody(Api.Route route) {
        return route.method() == HandlerType.POST || route.method() == HandlerType.PUT;
    }

    private static boolean isPolicyDocument(Api.Route route) {
        return route.path().equals("/v1/policy") || route.path().equals("/v1/policy/validate");
    }

    private JsonNode validBody(Api.Route route, Random random) {
        return switch (route.path()) {
            case "/v1/tenants" ->
                FuzzInputs.validTenant("fz-" + tenantCounter.incrementAndGet() + "-" + random.nextInt(1000));
            case "/v1/api-keys" -> FuzzInputs.validKey();
            case "/v1/policy", "/v1/policy/validate" -> FuzzInputs.validPolicy();
            case "/v1/policy/test" -> FuzzInputs.validPolicyTest();
            case "/v1/route" -> FuzzInputs.validRoute("s-" + random.nextInt(50));
            case "/v1/escalations" -> FuzzInputs.validEscalation();
            case "/v1/escalations/auto" -> FuzzInputs.validAuto("o-" + random.nextInt(50));
            case "/v1/escalations/{id}/assign" -> FuzzInputs.validAssign();
            case "/v1/escalations/{id}/resolve" -> FuzzInputs.validResolve();
            case "/v1/escalations/{id}/cancel" -> FuzzInputs.validCancel();
            case "/v1/escalations/{id}/unassign",
                    "/v1/escalations/{id}/resume",
                    "/v1/escalations/expire-overdue",
                    "/v1/resume/{token}",
                    "/v1/webhooks/{name}/deliveries/{id}/retry" -> FuzzInputs.empty();
            case "/v1/webhooks/{name}" -> FuzzInputs.validWebhook();
            case "/v1/console/session" -> JSON.createObjectNode().put("key", consoleKey);
            default -> {
                if (takesBody(route)) {
                    throw new IllegalStateException("no valid body for " + route.method() + " " + route.path());
                }
                yield FuzzInputs.empty(); // what malformed bodies on routes without one start from
            }
        };
    }

    /**
     * The route's path with real identifiers of the caller's tenant, so that requests reach the business logic: a
     * fresh packet per route, claimed for unassign, resolved (with resume requested) for resume, and a resolved
     * packet's resume token for pull resume.
     */
    private String prepared(Api.Route route, Caller caller) {
        if (!route.path().contains("{")) {
            return route.path();
        }
        if (route.path().startsWith("/v1/webhooks/")) {
            return preparedWebhook(route, caller);
        }
        JsonNode created = createEscalation(caller);
        String id = created.path("id").asText();
        String operator = caller.token(Access.OPERATOR);
        if (route.path().endsWith("/unassign")) {
            expect(send(post("/v1/escalations/" + id + "/assign", operator, FuzzInputs.empty())), 200, "claim");
        }
        if (route.path().endsWith("/resume") || route.path().contains("{token}")) {
            expect(
                    send(post("/v1/escalations/" + id + "/resolve", operator, FuzzInputs.validResolve())),
                    200,
                    "resolve");
        }
        return route.path()
                .replace("{id}", id)
                .replace("{token}", created.path("resume_token").asText());
    }

    /** A subscription of the caller's tenant, and for the delivery routes a real delivery of it. */
    private String preparedWebhook(Api.Route route, Caller caller) {
        String name = "fuzz-" + tenantCounter.incrementAndGet();
        Answer subscribed = send(Req.of(
                "PUT",
                "/v1/webhooks/" + name,
                caller.token(Access.ADMIN),
                "application/json",
                FuzzInputs.jsonPlain(FuzzInputs.validWebhook()),
                "prepare a webhook"));
        expect(subscribed, 200, "subscribe");
        String path = route.path().replace("{name}", name);
        if (path.contains("{id}")) {
            createEscalation(caller);
            Answer deliveries = send(Req.of(
                    "GET",
                    "/v1/webhooks/" + name + "/deliveries",
                    caller.token(Access.ADMIN),
                    null,
                    null,
                    "deliveries"));
            expect(deliveries, 200, "list deliveries");
            path = path.replace(
                    "{id}", deliveries.json().path("items").path(0).path("id").asText());
        }
        return path;
    }

    private JsonNode createEscalation(Caller caller) {
        Answer created = send(post("/v1/escalations", caller.token(Access.AGENT), FuzzInputs.validEscalation()));
        expect(created, 201, "create an escalation");
        return created.json();
    }

    private static Req post(String path, String token, JsonNode body) {
        return Req.of("POST", path, token, "application/json", FuzzInputs.jsonPlain(body), "prepare " + path);
    }

    private static void expect(Answer answer, int status, String what) {
        assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(status);
    }

    /** Packets of the caller's tenant, counted by the database ({@code GET /v1/stats}). */
    private long escalationCount(Caller caller) {
        return send(Req.of("GET", "/v1/stats", caller.token(Access.SUPERVISOR), null, null, "stats"))
                .json()
                .path("total")
                .asLong();
    }

    private Req bodyRequest(Api.Route route, String path, Caller caller, JsonNode body, Random random, String what) {
        boolean yaml = isPolicyDocument(route) && random.nextInt(3) == 0;
        return Req.of(
                route.method().name(),
                path,
                caller.token(route.access().getFirst()),
                yaml ? "application/yaml" : "application/json",
                yaml ? utf8(FuzzInputs.yaml(body)) : json(body, random),
                what + (yaml ? " (as YAML)" : ""));
    }

    /** The path with {@code id} for every parameter: unknown ids and tokens, or hostile ones. */
    private static String fill(String template, String id) {
        return template.replace("{id}", encode(id))
                .replace("{token}", encode(id))
                .replace("{name}", encode(id));
    }

    /** A tenant of its own for one family, with a key of every role. */
    private record Caller(String tenantId, Map<Access, String> tokens) {
        String token(Access access) {
            return tokens.get(access);
        }
    }

    private Caller tenant(String name) {
        return tenant(server, name);
    }

    private Caller tenant(TestServer target, String name) {
        String id = "fz-" + name + "-" + tenantCounter.incrementAndGet();
        String admin = target.createTenant(id);
        Map<Access, String> tokens = new EnumMap<>(Access.class);
        tokens.put(Access.INSTANCE_ADMIN, TestServer.ADMIN_TOKEN);
        tokens.put(Access.ADMIN, admin);
        tokens.put(Access.SUPERVISOR, target.createKey(admin, "supervisor", "fuzz supervisor"));
        tokens.put(Access.OPERATOR, target.createKey(admin, "operator", "fuzz operator"));
        tokens.put(Access.AGENT, target.createKey(admin, "agent", "fuzz agent"));
        return new Caller(id, tokens);
    }

    private List<String> keyIds(Caller caller) {
        JsonNode keys = send(Req.of("GET", "/v1/api-keys", caller.token(Access.ADMIN), null, null, "keys"))
                .json();
        List<String> ids = new ArrayList<>();
        keys.path("items").forEach(key -> ids.add(key.path("id").asText()));
        return ids;
    }

    private int keyCount(Caller caller) {
        return keyIds(caller).size();
    }

    private String keyIdOf(Caller caller, String name) {
        JsonNode keys = send(Req.of("GET", "/v1/api-keys", caller.token(Access.ADMIN), null, null, "keys"))
                .json();
        for (JsonNode key : keys.path("items")) {
            if (key.path("name").asText().equals(name)) {
                return key.path("id").asText();
            }
        }
        throw new IllegalStateException("no key named " + name + ": " + keys);
    }

    private int versionCount(Caller caller) {
        return send(Req.of("GET", "/v1/policy/versions", caller.token(Access.SUPERVISOR), null, null, "versions"))
                .json()
                .path("items")
                .size();
    }

    private static String redact(String header, Caller caller, Caller other, String revoked) {
        String text = header;
        for (Map.Entry<Access, String> token : caller.tokens().entrySet()) {
            text = text.replace(token.getValue(), "<" + token.getKey().name().toLowerCase(Locale.ROOT) + " key>");
        }
        text = text.replace(other.token(Access.ADMIN), "<other tenant's admin key>");
        return text.replace(revoked, "<revoked key>");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sending and checking.

    /** One request: method, target (path and query, already percent-encoded), headers, body. */
    record Req(String method, String target, Map<String, String> headers, byte[] body, String what) {
        static Req of(String method, String target, String token, String contentType, byte[] body, String what) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return new Req(method, target, headers, body, what);
        }

        String summary() {
            String contentType = headers.get("Content-Type");
            String auth = headers.containsKey("Authorization") || method.equals("RAW") ? "" : " (no Authorization)";
            return method + " " + preview(target, 160) + auth
                    + (contentType == null ? "" : " [Content-Type: " + contentType + "]")
                    + (body == null
                            ? ""
                            : " body(" + body.length + " bytes)="
                                    + preview(new String(body, StandardCharsets.UTF_8), 160))
                    + " -- " + preview(what, 200);
        }
    }

    /** An answer: status (-1 when there was none), content type, body. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return status + " [" + contentType + "] " + preview(body, 300);
        }
    }

    private Answer send(Req req) {
        return send(server, req);
    }

    private Answer send(TestServer target, Req req) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + target.server().port() + req.target()))
                    .timeout(Duration.ofSeconds(30));
            req.headers().forEach(builder::header);
        } catch (IllegalArgumentException e) {
            return new Answer(-2, null, "the HTTP client cannot send this request: " + e.getMessage());
        }
        builder.method(
                req.method(),
                req.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(req.body()));
        HttpRequest request;
        try {
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return new Answer(-2, null, "the HTTP client cannot send this request: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream body = response.body()) {
                // An event stream does not end: its opening frame is the answer.
                byte[] bytes = contentType != null && contentType.startsWith("text/event-stream")
                        ? SseClient.openingFrame(body)
                        : body.readAllBytes();
                return new Answer(response.statusCode(), contentType, new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return new Answer(-1, null, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends bytes as they are over a fresh connection (then half-closes it when {@code closeOutput}, like a client that
     * went away) and reads the answer until the server closes.
     */
    private Answer raw(byte[] request, boolean closeOutput) {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (closeOutput) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset after the answer: keep what arrived
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || headEnd < 0) {
                return new Answer(-1, null, "no HTTP answer: " + preview(text, 200));
            }
            String head = text.substring(0, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines()
                    .filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).strip())
                    .findFirst()
                    .orElse(null);
            return new Answer(status, contentType, text.substring(headEnd + 4));
        } catch (IOException e) {
            return new Answer(-1, null, "no answer: " + e);
        }
    }

    /** The failures of one family, each with its request, answer and the server's exception, grouped by cause. */
    private final class Findings {
        private final String family;
        private final TestServer target;
        private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        private final int logMark;
        private final double droppedBefore;
        private int requests;

        Findings(String family) {
            this(family, server);
        }

        Findings(String family, TestServer target) {
            this.family = family;
            this.target = target;
            this.logMark = serverLog.size();
            this.droppedBefore = decisionLogMetric(target, "switchboard_decision_log_dropped_total");
        }

        Random random() {
            return new Random(SEED * 31 + family.hashCode());
        }

        /** Sends the requests (a few at a time) and checks every answer; answers in request order. */
        List<Answer> run(List<Req> batch) {
            return run(batch, pool);
        }

        List<Answer> run(List<Req> batch, ExecutorService executor) {
            List<Answer> answers = new ArrayList<>(batch.size());
            for (int from = 0; from < batch.size(); from += CHUNK) {
                List<Req> chunk = batch.subList(from, Math.min(batch.size(), from + CHUNK));
                List<Future<Answer>> pending = new ArrayList<>();
                for (Req req : chunk) {
                    pending.add(executor.submit(() -> send(target, req)));
                }
                for (int i = 0; i < chunk.size(); i++) {
                    Answer answer;
                    try {
                        answer = pending.get(i).get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } catch (ExecutionException e) {
                        answer = new Answer(-1, null, "not sent: " + e.getCause());
                    }
                    check(chunk.get(i), answer);
                    answers.add(answer);
                }
            }
            return answers;
        }

        void check(Req req, Answer answer) {
            requests++;
            requestCounts.merge(family, 1, Integer::sum);
            statusCounts
                    .computeIfAbsent(family, f -> Collections.synchronizedMap(new TreeMap<>()))
                    .merge(answer.status(), 1, Integer::sum);
            List<String> wrong = new ArrayList<>();
            if (answer.status() == -2) {
                wrong.add("fuzzer bug: request not sendable");
            } else if (answer.status() < 0) {
                wrong.add("no HTTP answer");
            } else if (answer.status() >= 500) {
                wrong.add(answer.status() + " answer");
            }
            if (answer.body().contains("at dev.switchboard") || answer.body().contains("Exception:")) {
                wrong.add("stack trace in the body");
            }
            if (answer.status() >= 400 && !req.method().equals("HEAD")) {
                wrong.addAll(problemDocumentErrors(answer));
            } else if (answer.status() >= 200 && answer.status() < 300 && isJson(answer.contentType())) {
                try {
                    JSON.readTree(answer.body());
                } catch (IOException e) {
                    wrong.add("2xx body is not JSON");
                }
            }
            if (!wrong.isEmpty()) {
                fail(req, answer, String.join(", ", wrong));
            }
        }

        void fail(Req req, Answer answer, String what) {
            ILoggingEvent event = serverLog.incident(answer.body());
            String cause = event != null
                    ? ServerLog.cause(event)
                    : answer.status() + " "
                            + (answer.contentType() == null ? "without content type" : answer.contentType());
            failures.add(new Failure(
                    what + " <- " + cause,
                    "request: " + req.summary() + "\n      answer:  " + answer
                            + (event == null ? "" : "\n      server:  " + ServerLog.summary(event))));
        }

        /** A failure that is not about one request (state after the requests, the server's log). */
        void fail(String what, String details) {
            failures.add(new Failure(what, details));
        }

        void assertNone() {
            awaitDecisionLogFlushed(target);
            double dropped = decisionLogMetric(target, "switchboard_decision_log_dropped_total") - droppedBefore;
            if (dropped > 0) {
                fail("the decision log dropped " + (long) dropped + " decision(s)", "see the server log entries below");
            }
            for (ILoggingEvent event : serverLog.problemsSince(logMark)) {
                fail(
                        "the server logged " + event.getLevel() + " outside a request's incident <- "
                                + ServerLog.cause(event),
                        "server:  " + ServerLog.summary(event));
            }
            List<Failure> all;
            synchronized (failures) {
                all = List.copyOf(failures);
            }
            Map<String, List<Failure>> byCause = new LinkedHashMap<>();
            all.forEach(f ->
                    byCause.computeIfAbsent(f.cause(), c -> new ArrayList<>()).add(f));
            StringBuilder report = new StringBuilder()
                    .append(family)
                    .append(": ")
                    .append(all.size())
                    .append(" failure(s) in ")
                    .append(requests)
                    .append(" requests, ")
                    .append(byCause.size())
                    .append(" distinct cause(s) (seed ")
                    .append(SEED)
                    .append("; replay with -Dswitchboard.fuzz.seed=")
                    .append(SEED)
                    .append(")");
            int shown = 0;
            for (Map.Entry<String, List<Failure>> cause : byCause.entrySet()) {
                if (shown++ == REPORTED) {
                    break;
                }
                report.append("\n  ")
                        .append(shown)
                        .append(") ")
                        .append(cause.getValue().size())
                        .append("x ")
                        .append(cause.getKey())
                        .append("\n      e.g. ")
                        .append(cause.getValue().getFirst().details());
            }
            for (Failure failure : all) {
                if (shown >= REPORTED) {
                    break;
                }
                if (byCause.get(failure.cause()).getFirst() != failure) {
                    report.append("\n  ")
                            .append(++shown)
                            .append(") ")
                            .append(failure.cause())
                            .append("\n      ")
                            .append(failure.details());
                }
            }
            assertThat(all).withFailMessage(report::toString).isEmpty();
        }
    }

    private record Failure(String cause, String details) {}

    /** A value of the decision log's metrics (0 when absent). */
    private double decisionLogMetric(TestServer target, String name) {
        Answer metrics = send(target, new Req("GET", "/metrics", Map.of(), null, "metrics"));
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Waits (by asking /metrics, without sleeping) until the decision log has written what it holds. */
    private void awaitDecisionLogFlushed(TestServer target) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (decisionLogMetric(target, "switchboard_decision_log_pending") > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static List<String> problemDocumentErrors(Answer answer) {
        List<String> wrong = new ArrayList<>();
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            wrong.add("error without application/problem+json");
            return wrong;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (IOException e) {
            wrong.add("problem body is not JSON");
            return wrong;
        }
        if (problem == null
                || !problem.path("status").isInt()
                || problem.path("status").intValue() != answer.status()) {
            wrong.add("problem status is not the HTTP status");
        }
        if (problem == null
                || !problem.path("code").isTextual()
                || problem.path("code").asText().isBlank()) {
            wrong.add("problem without a code");
        }
        return wrong;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.startsWith("application/json");
    }

    /**
     * The text as a client puts it on the wire: UTF-8 bytes read as ISO-8859-1 characters, without the control
     * characters that no HTTP client sends in a header.
     */
    static String headerValue(String text) {
        String wire = new String(utf8(text), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        wire.chars().filter(c -> c == '\t' || (c >= 0x20 && c != 0x7F)).forEach(c -> out.append((char) c));
        return out.toString();
    }

    /** Percent-encodes every byte but the unreserved characters, for paths and query parameters. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** At most {@code max} characters, control characters and non-ASCII escaped so reports stay readable. */
    static String preview(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || (c >= 0x80 && c < 0xA0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > max ? out + "…(" + text.length() + " chars)" : out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The server's log: the exception behind each 500, and errors logged outside requests.

    private static final class ServerLog extends AppenderBase<ILoggingEvent> {
        private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        static ServerLog attach() {
            ServerLog log = new ServerLog();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            log.setContext(root.getLoggerContext());
            log.setName("fuzz-test-capture");
            log.start();
            root.addAppender(log);
            return log;
        }

        void detach() {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                event.prepareForDeferredProcessing();
                events.add(event);
                count.incrementAndGet();
            }
        }

        int size() {
            return count.get();
        }

        /** The logged event of the incident named in a 500 body, or null. */
        ILoggingEvent incident(String body) {
            var matcher = INCIDENT.matcher(body);
            if (!matcher.find()) {
                return null;
            }
            String id = matcher.group(1);
            for (ILoggingEvent event : events) {
                if (event.getFormattedMessage().contains(id)) {
                    return event;
                }
            }
            return null;
        }

        /**
         * Events after {@code mark} that no answer shows: ERRORs that are not a request's incident (those are 500
         * answers), and WARNings of Switchboard's own code (e.g. the decision log failing to write).
         */
        List<ILoggingEvent> problemsSince(int mark) {
            List<ILoggingEvent> problems = new ArrayList<>();
            int index = 0;
            for (ILoggingEvent event : events) {
                if (index++ < mark || event.getFormattedMessage().startsWith("internal error")) {
                    continue;
                }
                if (event.getLevel() == Level.ERROR || event.getLoggerName().startsWith("dev.switchboard")) {
                    problems.add(event);
                }
            }
            return problems;
        }

        /** The exception class and the first frame in Switchboard's code: what tells one bug from another. */
        static String cause(ILoggingEvent event) {
            IThrowableProxy t = event.getThrowableProxy();
            if (t == null) {
                return event.getLoggerName() + ": " + preview(event.getFormattedMessage(), 80);
            }
            while (t.getCause() != null) {
                t = t.getCause();
            }
            String where = "";
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                String text = frame.getStackTraceElement().toString();
                if (text.startsWith("dev.switchboard")) {
                    where = " at " + text;
                    break;
                }
            }
            return t.getClassName() + where;
        }

        static String summary(ILoggingEvent event) {
            StringBuilder text = new StringBuilder(event.getLoggerName())
                    .append(": ")
                    .append(preview(event.getFormattedMessage(), 200));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append("\n        ")
                        .append(t.getClassName())
                        .append(": ")
                        .append(preview(String.valueOf(t.getMessage()), 200));
                StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
                int shown = 0;
                for (int i = 0; i < frames.length && shown < 4; i++) {
                    String frame = frames[i].getStackTraceElement().toString();
                    if (i == 0 || frame.startsWith("dev.switchboard")) {
                        text.append("\n          at ").append(frame);
                        shown++;
                    }
                }
            }
            return text.toString();
        }
    }
}
