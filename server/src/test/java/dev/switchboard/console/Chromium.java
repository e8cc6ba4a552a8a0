package dev.switchboard.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven by Playwright (which never downloads a browser here). Without it the console's
 * browser tests are skipped, or fail when {@code CI=true}: {@code .ci/run} installs {@code chromium} and {@code
 * fonts-noto-cjk}.
 */
final class Chromium {
    static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium"));

    private Chromium() {}

    static Playwright playwright() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String why = "no Chromium at " + EXECUTABLE + " (apt install chromium fonts-noto-cjk)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("the console's browser tests need Chromium in CI: " + why);
            }
            Assumptions.abort(why);
        }
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setHeadless(true));
    }
}
