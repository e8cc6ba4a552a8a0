package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.TestServer.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's sign-in over real HTTP: a person's key exchanged for an HttpOnly, SameSite=Strict session cookie that
 * then acts with the key's role; changes need the session's CSRF token; sessions end on sign-out and with their key;
 * agents and unknown keys cannot sign in. Run on SQLite and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleSessionApiTest {
    protected abstract TestServer server();

    record Keys(String admin, String operator, String agent) {}

    record Session(String cookie, String csrf, Response answer) {}

    Keys tenant() {
        String admin = server().createTenant("c-" + UUID.randomUUID().toString().substring(0, 8));
        return new Keys(
                admin,
                server().createKey(admin, "operator", "operator-1"),
                server().createKey(admin, "agent", "bot-1"));
    }

    Response signInWith(String body, Map<String, String> headers) {
        return server().send(
                        "POST",
                        "/v1/console/session",
                        null,
                        "application/json",
                        body.getBytes(StandardCharsets.UTF_8),
                        headers);
    }

    Session signIn(String key) {
        Response answer = signInWith("{\"key\": \"" + key + "\"}", Map.of());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String setCookie = answer.header("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(cookie, answer.json().get("csrf_token").asText(), answer);
    }

    Response withCookie(String method, String path, Session session, String csrf, String json) {
        Map<String, String> headers = csrf == null
                ? Map.of("Cookie", session.cookie())
                : Map.of("Cookie", session.cookie(), Authenticator.CSRF_HEADER, csrf);
        return server().send(
                        method,
                        path,
                        null,
                        json == null ? null : "application/json",
                        json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                        headers);
    }

    String createPacket(Keys keys) {
        Response created = server().post(
                        "/v1/escalations",
                        keys.agent(),
                        "{\"title\": \"طلب\", \"entity_type\": \"order\", \"entity_id\": \"o-1\", "
                                + "\"reason\": \"missing_data\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void aPersonsKeyBecomesAnHttpOnlyStrictCookie_andTheSessionActsWithItsRole() {
        Keys keys = tenant();
        Session session = signIn(keys.operator());

        String setCookie = session.answer().header("Set-Cookie");
        assertThat(setCookie)
                .startsWith(Authenticator.SESSION_COOKIE + "=sbs_")
                .contains("; Path=/", "; Max-Age=43200", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure")
                .doesNotContain(keys.operator());
        assertThat(session.answer().header("Cache-Control")).isEqualTo("no-store");
        assertThat(session.answer().json().get("role").asText()).isEqualTo("operator");
        assertThat(session.answer().json().get("name").asText()).isEqualTo("operator-1");
        assertThat(session.csrf()).hasSizeGreaterThanOrEqualTo(32);

        assertThat(withCookie("GET", "/v1/escalations", session, null, null).status())
                .isEqualTo(200);
        Response current = withCookie("GET", "/v1/console/session", session, null, null);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("csrf_token").asText()).isEqualTo(session.csrf());
        assertThat(withCookie("GET", "/v1/policy", session, null, null).status())
                .as("an operator is no supervisor")
                .isEqualTo(403);
        assertThat(withCookie("POST", "/v1/tenants", session, session.csrf(), "{\"id\": \"x\", \"name\": \"X\"}")
                        .status())
                .as("a session is never the instance admin")
                .isEqualTo(401);
    }

    @Test
    void changesNeedTheSessionsCsrfToken() {
        Keys keys = tenant();
        Session session = signIn(keys.operator());
        String id = createPacket(keys);
        String claim = "/v1/escalations/" + id + "/assign";

        Response without = withCookie("POST", claim, session, null, "{}");
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.json().get("code").asText()).isEqualTo("csrf_failed");
        assertThat(withCookie("POST", claim, session, "x" + session.csrf(), "{}")
                        .status())
                .isEqualTo(403);
        Session other = signIn(keys.operator());
        assertThat(withCookie("POST", claim, session, other.csrf(), "{}").status())
                .as("another session's token")
                .isEqualTo(403);
        assertThat(server().get("/v1/escalations/" + id, keys.operator())
                        .json()
                        .get("status")
                        .asText())
                .as("refused requests change nothing")
                .isEqualTo("pending");

        Response claimed = withCookie("POST", claim, session, session.csrf(), "{}");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().get("assigned_to").asText()).isEqualTo("operator-1");
    }

    @Test
    void signingOutEndsTheSession_andSoDoesRevokingItsKey() {
        Keys keys = tenant();
        Session leaving = signIn(keys.operator());
        assertThat(withCookie("DELETE", "/v1/console/session", leaving, null, null)
                        .status())
                .as("sign-out is a change too")
                .isEqualTo(403);
        Response out = withCookie("DELETE", "/v1/console/session", leaving, leaving.csrf(), null);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie"))
                .startsWith(Authenticator.SESSION_COOKIE + "=;")
                .contains("Max-Age=0");
        assertThat(withCookie("GET", "/v1/escalations", leaving, null, null).status())
                .isEqualTo(401);

        String supervisorKey = server().createKey(keys.admin(), "supervisor", "lead-1");
        Session lead = signIn(supervisorKey);
        assertThat(withCookie("GET", "/v1/stats", lead, null, null).status()).isEqualTo(200);
        String keyId = server().get("/v1/api-keys", keys.admin())
                .json()
                .get("items")
                .valueStream()
                .filter(k -> k.get("name").asText().equals("lead-1"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asText();
        assertThat(server().send("DELETE", "/v1/api-keys/" + keyId, keys.admin(), null, null)
                        .status())
                .isEqualTo(204);
        Response revoked = withCookie("GET", "/v1/stats", lead, null, null);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("detail").asText()).contains("sign in again");
    }

    @Test
    void agentsUnknownKeysAndBadBodiesCannotSignIn() {
        Keys keys = tenant();
        Response agent = signInWith("{\"key\": \"" + keys.agent() + "\"}", Map.of());
        assertThat(agent.status()).isEqualTo(403);
        assertThat(agent.header("Set-Cookie")).isNull();
        Response unknown = signInWith("{\"key\": \"sb_AAAAAAAAAAAAAAAAAAAAAAnope\"}", Map.of());
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("Set-Cookie")).isNull();
        for (String body : new String[] {"{}", "[]", "{\"key\": 1}", "{\"key\": \"\"}", "{\"key\": \"k\", \"x\": 1}"}) {
            Response bad = signInWith(body, Map.of());
            assertThat(bad.status()).as(body).isEqualTo(422);
        }
        Response tampered = withCookie(
                "GET",
                "/v1/escalations",
                new Session(Authenticator.SESSION_COOKIE + "=sbs_forged", "", null),
                null,
                null);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(server().get("/v1/console/session", keys.operator()).status())
                .as("a key is not a session")
                .isEqualTo(404);
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() {
        Keys keys = tenant();
        Response answer = signInWith("{\"key\": \"" + keys.admin() + "\"}", Map.of("X-Forwarded-Proto", "https"));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Set-Cookie")).contains("; Secure");
        assertThat(answer.json().get("role").asText()).isEqualTo("admin");
    }
}
