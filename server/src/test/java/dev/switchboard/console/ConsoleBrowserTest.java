package dev.switchboard.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import dev.switchboard.http.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console end to end in Debian's Chromium, headless, against a real server: sign in, a packet opened
 * through the API appears without a reload, claim, resolve, a conflict explained plainly, Arabic right to left and
 * Chinese. Screenshots go to {@code target/console-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    @TempDir
    static Path data;

    private TestServer server;
    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();
    private String admin;
    private String operator;
    private String agent;

    @BeforeAll
    void start() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        server = TestServer.sqlite(data, Map.of());
        admin = server.createTenant("acme");
        operator = server.createKey(admin, "operator", "operator-1");
        agent = server.createKey(admin, "agent", "bot-1");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void open() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            // Answers like 401 (not signed in yet, a wrong key) are expected; the browser logs them all the same.
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                pageErrors.add(message.text());
            }
        });
        page.onPageError(pageErrors::add);
    }

    @AfterEach
    void close() {
        context.close();
        assertThat(pageErrors).as("errors in the page").isEmpty();
    }

    private void signIn(String key) {
        signIn(key, true);
    }

    private void signIn(String key, boolean live) {
        Response response = page.navigate(server.uri("/console").toString());
        assertThat(response.headers().get("content-security-policy")).contains("default-src 'none'");
        assertThat(response.headers().get("content-type").replace(" ", ""))
                .isEqualToIgnoringCase("text/html;charset=utf-8");
        page.getByTestId("login-key").fill(key);
        page.getByTestId("login-submit").click();
        if (live) {
            assertThat(page.getByTestId("live-state")).hasAttribute("data-state", "on");
        } else {
            assertThat(page.locator("#inbox")).isVisible();
        }
    }

    private String openPacket(String title, String entity) {
        TestServer.Response created =
                server.post("/v1/escalations", agent, """
                {"title": "%s", "title_ar": "طلب استرداد %s", "i18n": {"zh": {"title": "退款申请 %s"}},
                 "entity_type": "order", "entity_id": "%s", "reason": "high_value_deal", "priority": "high",
                 "suggested_action": "Approve the refund"}""".formatted(title, entity, entity, entity));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    @Test
    void signIn_seeAPacketArriveLive_claimIt_resolveIt() {
        signIn(operator);
        List<Cookie> cookies = context.cookies();
        assertThat(cookies).anySatisfy(cookie -> {
            assertThat(cookie.name).isEqualTo("sb_session");
            assertThat(cookie.httpOnly).isTrue();
        });
        assertThat((String) page.evaluate("document.cookie")).doesNotContain("sb_session");
        assertThat(page.evaluate("localStorage.length")).isEqualTo(0);
        assertThat(page.content()).doesNotContain(operator);

        openPacket("Refund for order 1", "o-1");
        Locator row =
                page.getByTestId("inbox-row").filter(new Locator.FilterOptions().setHasText("Refund for order 1"));
        assertThat(row).isVisible(); // arrived through the event stream, without a reload
        shot("inbox-en");

        row.click();
        page.getByTestId("claim").click();
        assertThat(row).containsText("operator-1");
        page.getByTestId("resolve").click();
        page.getByTestId("resolve-action").fill("approved");
        page.getByTestId("resolve-submit").click();
        assertThat(row).not().isVisible(); // resolved packets leave the open queue
        assertThat(page.locator("#detail")).containsText("Resolved");
        shot("resolved-en");
    }

    @Test
    void aClaimThatLostTheRaceIsExplainedPlainly() {
        // No live updates in this page, so it still shows the packet as it was when someone else claimed it.
        context.route("**/v1/events/stream", route -> route.abort());
        String id = openPacket("Quote approval", "q-1");
        signIn(operator, false);
        page.getByTestId("inbox-row")
                .filter(new Locator.FilterOptions().setHasText("Quote approval"))
                .click();
        assertThat(page.locator("#detail h2")).hasText("Quote approval");
        assertThat(page.getByTestId("claim")).isVisible(); // the page shows the packet still pending
        String other = server.createKey(admin, "operator", "operator-2");
        assertThat(server.post("/v1/escalations/" + id + "/assign", other, "{}").status())
                .isEqualTo(200);

        page.getByTestId("claim").click();
        assertThat(page.getByTestId("message")).hasText("Already claimed by operator-2.");
        shot("conflict-en");
    }

    @Test
    void arabicIsRightToLeft_andChineseIsChinese() {
        openPacket("Refund for order 7", "o-7");
        signIn(operator);
        page.getByTestId("lang-select").selectOption("ar");
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.locator("html")).hasAttribute("lang", "ar");
        assertThat(page.getByTestId("inbox-row").filter(new Locator.FilterOptions().setHasText("طلب استرداد o-7")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("تسجيل الخروج")))
                .isVisible();
        page.getByTestId("inbox-row").first().click();
        assertThat(page.locator("#detail")).not().containsText("هـ");
        page.getByTestId("hijri").check();
        assertThat(page.locator("#detail")).containsText("هـ"); // dates in the Hijri (Umm al-Qura) calendar
        shot("inbox-ar");

        page.getByTestId("lang-select").selectOption("zh");
        assertThat(page.locator("html")).hasAttribute("dir", "ltr");
        assertThat(page.locator("html")).hasAttribute("lang", "zh");
        assertThat(page.getByTestId("inbox-row").filter(new Locator.FilterOptions().setHasText("退款申请 o-7")))
                .isVisible();
        shot("inbox-zh");

        page.setViewportSize(390, 844);
        shot("inbox-zh-narrow");
    }

    @Test
    void aLiveUpdateKeepsTheKeyboardOnItsPacket() {
        String kept = openPacket("Keep my place", "k-1");
        signIn(operator);
        Locator row = page.getByTestId("inbox-row").filter(new Locator.FilterOptions().setHasText("Keep my place"));
        row.focus();
        assertThat(page.evaluate("document.activeElement.dataset.id")).isEqualTo(kept);

        openPacket("Arrives meanwhile", "k-2"); // the live event renders the rows anew
        assertThat(page.getByTestId("inbox-row").filter(new Locator.FilterOptions().setHasText("Arrives meanwhile")))
                .isVisible();

        assertThat(page.evaluate("document.activeElement.dataset.id")).isEqualTo(kept);
        page.keyboard().press("Enter");
        assertThat(page.locator("#detail h2")).hasText("Keep my place");
    }

    @Test
    void aWrongKeyIsRefusedPlainly_andAnAgentKeyCannotSignIn() {
        page.navigate(server.uri("/console").toString());
        page.getByTestId("login-key").fill("sb_not-a-key");
        page.getByTestId("login-submit").click();
        assertThat(page.locator("#login-error")).hasText("That key is unknown or revoked.");
        page.getByTestId("login-key").fill(agent);
        page.getByTestId("login-submit").click();
        assertThat(page.locator("#login-error")).hasText("Agent keys cannot sign in; use a person's key.");
        shot("login-refused-en");
    }

    @Test
    void aSupervisorSeesStatisticsAsChartsAndTriesTheRouter() {
        String supervisor = server.createKey(admin, "supervisor", "lead-1");
        String id = openPacket("Refund for order 9", "o-9");
        assertThat(server.post("/v1/escalations/" + id + "/resolve", supervisor, "{\"action_taken\": \"approved\"}")
                        .status())
                .isEqualTo(200);
        signIn(supervisor);

        Request lastMonth = page.waitForRequest(
                request -> request.url().contains("/v1/stats"),
                () -> page.getByTestId("nav-stats").click());
        assertThat(lastMonth.url()).contains("since=");
        assertThat(page.locator("#stats figure.card")).hasCount(6);
        assertThat(page.locator("#stats svg.chart rect.bar-fill").first()).isVisible();
        assertThat(page.getByTestId("sla-met")).containsText("%");
        shot("stats-en");
        // All time reads every packet there is, so only on request.
        Request allTime = page.waitForRequest(
                request -> request.url().contains("/v1/stats"),
                () -> page.getByTestId("stats-period").selectOption(""));
        assertThat(allTime.url()).doesNotContain("since=");
        assertThat(page.getByTestId("sla-met")).containsText("%");

        page.getByTestId("nav-playground").click();
        // 人工 inside 人工智能 (artificial intelligence) is excluded; 转人工 (a human, please) is not.
        page.getByTestId("playground-message").fill("我对人工智能没兴趣，我要转人工");
        page.getByTestId("playground-submit").click();
        assertThat(page.getByTestId("playground-match")).hasText(new String[] {"转人工"});
        assertThat(page.getByTestId("playground-decision")).containsText("transfer");
        assertThat(page.getByTestId("playground-trace").locator("li").first()).isVisible();
        shot("playground-en");

        page.getByTestId("lang-select").selectOption("ar");
        page.getByTestId("playground-message").fill("أبغى أكلم موظف، وأبي استرداد المبلغ");
        page.getByTestId("playground-submit").click();
        assertThat(page.getByTestId("playground-match").first()).isVisible();
        shot("playground-ar");
        page.getByTestId("nav-stats").click();
        shot("stats-ar");
    }

    @Test
    void anOperatorHasNoSupervisorViews() {
        signIn(operator);
        assertThat(page.getByTestId("nav-stats")).isHidden();
        assertThat(page.getByTestId("nav-playground")).isHidden();
    }

    @Test
    void theConsoleStartsInTheTenantsLanguage() {
        TestServer.Response created = server.post(
                "/v1/tenants",
                TestServer.ADMIN_TOKEN,
                "{\"id\": \"riyadh\", \"name\": \"Riyadh\", \"default_locale\": \"ar\", "
                        + "\"timezone\": \"Asia/Riyadh\"}");
        assertThat(created.status()).isEqualTo(201);
        String arabicOperator = server.createKey(created.json().get("admin_key").asText(), "operator", "مشغل-1");
        signIn(arabicOperator);
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.getByTestId("lang-select")).hasValue("ar");
    }

    @Test
    void overduePacketsAreMarked_filtersNarrowTheQueue_andTheKeyboardOpensAPacket() {
        String soon = java.time.Instant.now().plusSeconds(2).toString();
        TestServer.Response late = server.post(
                "/v1/escalations",
                agent,
                "{\"title\": \"Late one\", \"entity_type\": \"order\", \"entity_id\": \"late-1\", "
                        + "\"reason\": \"timeout\", \"priority\": \"critical\", \"due_at\": \"" + soon + "\"}");
        assertThat(late.status()).isEqualTo(201);
        String mine = openPacket("Mine to work", "m-1");
        assertThat(server.post("/v1/escalations/" + mine + "/assign", operator, "{}")
                        .status())
                .isEqualTo(200);
        signIn(operator);

        Locator lateRow = page.getByTestId("inbox-row").filter(new Locator.FilterOptions().setHasText("Late one"));
        assertThat(lateRow)
                .hasClass(
                        java.util.regex.Pattern.compile("\\boverdue\\b"),
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasClassOptions().setTimeout(15_000));
        assertThat(lateRow).containsText("overdue");
        assertThat(page.getByTestId("inbox-row").first()).containsText("Late one"); // critical first

        page.getByTestId("filter-mine").check();
        assertThat(page.getByTestId("inbox-row")).hasCount(1);
        assertThat(page.getByTestId("inbox-row")).containsText("Mine to work");
        page.getByTestId("filter-mine").uncheck();
        page.getByTestId("filter-priority").selectOption("critical");
        assertThat(page.getByTestId("inbox-row")).hasCount(1);
        assertThat(page.getByTestId("inbox-row")).containsText("Late one");

        page.getByTestId("inbox-row").focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#detail h2")).hasText("Late one");
        shot("overdue-en");
    }
}
