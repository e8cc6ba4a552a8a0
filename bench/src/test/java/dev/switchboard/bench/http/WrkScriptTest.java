package dev.switchboard.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Lua scripts: plain ASCII whatever the messages, and each embedded message, read back as Lua would read the
 * literal, is the JSON string of the original text.
 */
class WrkScriptTest {
    private static final String TRICKY = "قال \"لا\" \\ 我要\"退款\" \n\ttab € 😀";

    @Test
    void luaString_keepsPrintableAscii_andEscapesQuotesBackslashesControlsAndNonAsciiBytes() {
        assertThat(WrkScript.luaString("a \"b\" \\c\n")).isEqualTo("\"a \\034b\\034 \\092c\\010\"");
        assertThat(WrkScript.luaString("退")).isEqualTo("\"\\233\\128\\128\"");
        assertThat(WrkScript.luaString("ل")).isEqualTo("\"\\217\\132\"");
    }

    @Test
    void route_embedsEachMessageAsItsJsonString_readableBackFromTheLuaLiteral() throws Exception {
        List<String> messages = new ArrayList<>(WrkScript.fixtureMessages());
        messages.add(TRICKY);

        String script = WrkScript.route(messages, "sb_agent\"key");

        assertThat(script.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n'))
                .isTrue();
        List<String> literals = script.lines()
                .filter(line -> line.startsWith("  \"") && line.endsWith("\","))
                .map(line -> line.substring(2, line.length() - 1))
                .toList();
        assertThat(literals).hasSize(messages.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < messages.size(); i++) {
            assertThat(json.readTree(luaValue(literals.get(i))).textValue()).isEqualTo(messages.get(i));
        }
        assertThat(script)
                .contains("[\"Authorization\"] = " + WrkScript.luaString("Bearer sb_agent\"key"))
                .contains("[\"Content-Type\"] = \"application/json\"")
                .contains("for i = 0, 999 do")
                .contains("',\"session_id\":\"bench-s-' .. i .. '\"}'")
                .contains("wrk.format(\"POST\", \"/v1/route\", headers, body)")
                .contains("function request()")
                .contains("function done(summary, latency, requests)");
    }

    @Test
    void body_isWhatTheScriptBuilds_validJsonWithTheMessageAndSession() throws Exception {
        List<String> messages = List.of("first", TRICKY);

        String body = WrkScript.body(messages, 7);

        assertThat(body)
                .isEqualTo("{\"message\":" + new ObjectMapper().writeValueAsString(TRICKY)
                        + ",\"session_id\":\"bench-s-7\"}");
        assertThat(new ObjectMapper().readTree(body).get("message").textValue()).isEqualTo(TRICKY);
    }

    @Test
    void fixtureMessages_areTheThreeLanguages_fullAndTheirFirst80Characters() {
        List<String> messages = WrkScript.fixtureMessages();

        assertThat(messages).hasSize(6);
        for (int i = 0; i < 6; i += 2) {
            assertThat(messages.get(i)).hasSize(500);
            assertThat(messages.get(i + 1))
                    .hasSize(80)
                    .isEqualTo(messages.get(i).substring(0, 80));
        }
        assertThat(messages.get(0)).containsPattern("\\p{IsHan}");
        assertThat(messages.get(2)).containsPattern("\\p{IsArabic}");
        assertThat(messages.get(4)).containsPattern("^[\\x20-\\x7e]+$");
    }

    @Test
    void plain_onlyPrintsTheSummary() {
        assertThat(WrkScript.plain())
                .startsWith("local MARKER = \"switchboard-wrk \"\n")
                .contains("function done(summary, latency, requests)")
                .doesNotContain("function request()");
    }

    /** The string a Lua literal of {@link WrkScript#luaString} stands for. */
    private static String luaValue(String literal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher escape =
                Pattern.compile("\\\\([0-9]{3})|([^\\\\])").matcher(literal.substring(1, literal.length() - 1));
        while (escape.find()) {
            bytes.write(
                    escape.group(1) != null
                            ? Integer.parseInt(escape.group(1))
                            : escape.group(2).charAt(0));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
