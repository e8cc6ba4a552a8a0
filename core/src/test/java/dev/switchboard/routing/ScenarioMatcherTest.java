package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.text.Language;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioMatcherTest {
    private static final Scenario TRANSFER = new Scenario(
            "transfer",
            Mode.TRANSFER,
            Map.of(Language.ZH, List.of("人工", "转人工"), Language.EN, List.of("agent", "human agent")),
            Map.of(Language.ZH, List.of("人工智能"), Language.EN, List.of("travel agent")));
    private static final Scenario REFUND = new Scenario(
            "refund",
            Mode.MICRO_FLOW,
            Map.of(Language.ZH, List.of("退款"), Language.EN, List.of("refund*"), Language.AR, List.of("استرداد")),
            Map.of(Language.EN, List.of("non-refundable", "人工")));

    private final ScenarioMatcher matcher = ScenarioMatcher.compile(List.of(REFUND, TRANSFER));

    private List<String> find(String message) {
        return matcher.find(message).matches().stream()
                .map(m -> m.scenario() + ":" + m.keyword() + "@" + m.start() + "-" + m.end())
                .toList();
    }

    @Test
    void exclusion_suppressesKeywordInsideIt() {
        assertThat(find("我对人工智能感兴趣")).isEmpty();
        assertThat(find("my travel agent booked it")).isEmpty();
        assertThat(find("this ticket is NON-REFUNDABLE")).isEmpty();
    }

    @Test
    void exclusion_onlyCoversMatchesInsideIt() {
        assertThat(find("人工智能太笨了，转人工")).containsExactly("transfer:转人工@8-11", "transfer:人工@9-11");
        assertThat(find("not a travel agent, a human agent"))
                .containsExactly("transfer:human agent@22-33", "transfer:agent@28-33");
    }

    @Test
    void exclusion_onlyCoversItsOwnScenario() {
        // "人工" is listed as an exclusion of refund, which must not suppress the transfer keyword.
        assertThat(find("转人工")).containsExactly("transfer:转人工@0-3", "transfer:人工@1-3");
    }

    @Test
    void find_reportsKeywordsAsWritten_firstScenarioInPolicyOrder() {
        ScenarioMatcher.Found found = matcher.find("Refunds? 我要退款，转人工");

        assertThat(found.first().id()).isEqualTo("refund");
        assertThat(found.matches()).extracting(KeywordMatch::keyword).containsExactly("refund*", "退款", "转人工", "人工");
    }

    @Test
    void find_arabicKeywordInsidePrefixedWordWithDiacritics() {
        assertThat(find("وَالاسْتِرْدادُ")).containsExactly("refund:استرداد@4-15");
    }
}
