package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.text.Language;
import dev.switchboard.text.LocalizedText;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private final Messages messages = new Messages(Map.of(
            "transfer_billing", new LocalizedText(Map.of(Language.EN, "Billing will take it from here.")),
            "transfer_refund", LocalizedText.of("Refunds team.", "فريق الاسترداد.", "退款团队。"),
            "transfer", new LocalizedText(Map.of(Language.AR, "سيتم تحويلك."))));

    @Test
    void transfer_prefersTheScenarioText_thenTheGenericOne_inTheMessageLanguage() {
        assertThat(messages.transfer("refund", Language.ZH)).isEqualTo("退款团队。");
        assertThat(messages.transfer("billing", Language.EN)).isEqualTo("Billing will take it from here.");
        // the policy's generic Arabic text, the built-in English and Chinese ones
        assertThat(messages.transfer(null, Language.AR)).isEqualTo("سيتم تحويلك.");
        assertThat(messages.transfer(null, Language.EN)).isEqualTo("Transferring you to a human agent...");
        assertThat(messages.transfer("unknown", Language.ZH)).isEqualTo("正在为您转接人工客服...");
        // a built-in scenario text the policy did not override
        assertThat(messages.transfer("complaint_escalation", Language.EN)).startsWith("It looks like you need help");
    }

    @Test
    void transfer_answersAsTheTextLookupDoes_forEveryScenarioAndLanguage() {
        for (String scenario : new String[] {null, "billing", "refund", "complaint_escalation", "unknown"}) {
            for (Language language : Language.values()) {
                String expected = scenario != null
                        ? messages.text("transfer_" + scenario, language)
                                .orElseGet(() ->
                                        messages.text("transfer", language).orElseThrow())
                        : messages.text("transfer", language).orElseThrow();
                assertThat(messages.transfer(scenario, language))
                        .as("%s in %s", scenario, language)
                        .isEqualTo(expected);
            }
        }
    }
}
