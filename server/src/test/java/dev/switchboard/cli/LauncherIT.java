package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./switchboard} and {@code ./mvnw} from the repository root as a user would, on a machine whose default
 * Java is too old: a fake JDK 17 is first on PATH and in JAVA_HOME, the real JDK hides in a folder given by
 * {@code SWITCHBOARD_JDK_DIRS}.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path oldJdk;
    private Path jdks;

    @BeforeEach
    void fakeOldDefaultJdk() throws IOException {
        oldJdk = dir.resolve("jdk-17");
        Files.createDirectories(oldJdk.resolve("bin"));
        Files.writeString(oldJdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        for (String tool : List.of("java", "javac")) {
            Path script = oldJdk.resolve("bin").resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho 'fake JDK 17 must not run' >&2\nexit 42\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        jdks = Files.createDirectories(dir.resolve("jdks"));
    }

    private Result run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", oldJdk.toString());
        env.put("PATH", oldJdk.resolve("bin") + ":/usr/bin:/bin");
        env.put("SWITCHBOARD_JDK_DIRS", jdks.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(
                process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {}

    /** JUnit would warn about a link that leads out of the temporary folder; remove it first. */
    @AfterEach
    void removeJdkLink() throws IOException {
        Files.deleteIfExists(jdks.resolve("real"));
    }

    @Test
    void launcher_findsANewerJdk_andRunsTheJar() throws Exception {
        Files.createSymbolicLink(jdks.resolve("real"), Path.of(System.getProperty("java.home")));

        Result result = run("./switchboard", "route", "我要退款");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode decision = new ObjectMapper().readTree(result.out());
        assertThat(decision.get("mode").asText()).isEqualTo("micro_flow");
        assertThat(decision.get("risk_scenario").asText()).isEqualTo("refund");
        assertThat(result.err()).doesNotContain("fake JDK", "WARNING");
    }

    @Test
    void launcher_printsVersionAndHelp() throws Exception {
        Files.createSymbolicLink(jdks.resolve("real"), Path.of(System.getProperty("java.home")));

        Result version = run("./switchboard", "--version");
        Result help = run("./switchboard", "--help");

        assertThat(version.out()).startsWith("switchboard 0.1.0");
        assertThat(help.out()).contains("Usage: switchboard", "serve", "route", "policy");
    }

    @Test
    void launcherAndWrapper_stopWithAClearMessage_withoutJdk21() throws Exception {
        Result launcher = run("./switchboard", "--version");
        Result wrapper = run("./mvnw", "-v");

        for (Result result : List.of(launcher, wrapper)) {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .contains("Switchboard needs a JDK 21 or newer, and none was found.", "JAVA_HOME (" + oldJdk + ")")
                    .doesNotContain("fake JDK");
        }
    }
}
