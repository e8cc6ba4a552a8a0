package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.Scenario;
import dev.switchboard.text.Language;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FixturesTest {
    @Test
    void generatedPolicyHas5000KeywordsAThirdPerLanguageOverFourScenarios() {
        CompiledPolicy policy = Fixtures.policy(Fixtures.GENERATED_5K);

        assertThat(Fixtures.keywords(policy)).hasSize(Fixtures.GENERATED_KEYWORDS);
        assertThat(policy.policy().scenarios())
                .extracting(Scenario::id)
                .containsExactly("refund", "complaint_escalation", "privacy_sensitive_promise", "transfer");
        for (Language language : Language.values()) {
            assertThat(Fixtures.keywords(policy, language)).hasSizeBetween(1666, 1667);
        }
        assertThat(Fixtures.keywords(policy, Language.ZH))
                .allMatch(k ->
                        k.length() >= 2 && k.length() <= 4 && k.codePoints().allMatch(Character::isIdeographic));
        assertThat(Fixtures.keywords(policy, Language.AR)).allMatch(k -> k.length() >= 3 && k.length() <= 7);
        assertThat(Fixtures.keywords(policy, Language.EN))
                .allMatch(k -> k.matches("[a-z]{4,10}( [a-z]{4,8})?"))
                .anyMatch(k -> k.contains(" "));
    }

    @Test
    void generationIsDeterministic() {
        String yaml = PolicyGenerator.yaml(new PolicyGenerator(Fixtures.SEED).keywords(Fixtures.GENERATED_KEYWORDS));
        assertThat(yaml).isEqualTo(Fixtures.generatedPolicyYaml());

        CompiledPolicy policy = Fixtures.policy(Fixtures.GENERATED_5K);
        List<String> keywords = Fixtures.keywords(policy, Language.AR);
        assertThat(new MessageGenerator(policy, 7, 500).generate(Language.AR, keywords))
                .isEqualTo(new MessageGenerator(policy, 7, 500).generate(Language.AR, keywords));
    }

    @ParameterizedTest
    @CsvSource({"default, ZH", "default, AR", "default, EN", "generated5k, ZH", "generated5k, AR", "generated5k, EN"})
    void messagesAre500CharactersWithOneToThreeKeywordsAndNoOther(String name, Language language) {
        CompiledPolicy policy = Fixtures.policy(name);
        Fixtures.Message message = Fixtures.message(name, language);

        assertThat(message.text()).hasSize(Fixtures.MESSAGE_LENGTH);
        assertPlantedAndNoOther(policy, message, language);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.GENERATED_500, Fixtures.GENERATED_5K, Fixtures.GENERATED_50K})
    void generatedPolicyHasItsKeywordCountAThirdPerLanguage(String name) {
        int count = Fixtures.GENERATED.get(name);

        CompiledPolicy policy = Fixtures.policy(name);

        assertThat(Fixtures.keywords(policy)).hasSize(count);
        for (Language language : Language.values()) {
            assertThat(Fixtures.keywords(policy, language)).hasSizeBetween(count / 3, count / 3 + 1);
        }
    }

    @Test
    void generatedPoliciesAreDeterministicAndEachStartsWithTheSmallerOnesKeywords() {
        String yaml = PolicyGenerator.yaml(new PolicyGenerator(Fixtures.SEED).keywords(50_000));
        assertThat(yaml).isEqualTo(Fixtures.generatedPolicyYaml(50_000));

        List<String> small = Fixtures.keywords(Fixtures.policy(Fixtures.GENERATED_500));
        List<String> medium = Fixtures.keywords(Fixtures.policy(Fixtures.GENERATED_5K));
        List<String> large = Fixtures.keywords(Fixtures.policy(Fixtures.GENERATED_50K));
        assertThat(medium).containsAll(small);
        assertThat(large).containsAll(medium);
    }

    @Test
    void messagesOf500CharactersAreTheSameWithTheLengthGiven() {
        assertThat(Fixtures.message(Fixtures.GENERATED_5K, Language.ZH, Fixtures.MESSAGE_LENGTH))
                .isSameAs(Fixtures.message(Fixtures.GENERATED_5K, Language.ZH));
    }

    @ParameterizedTest
    @CsvSource({
        "generated5k, ZH, 100", "generated5k, AR, 100", "generated5k, EN, 100",
        "generated5k, ZH, 2000", "generated5k, AR, 2000", "generated5k, EN, 2000",
        "generated5k, ZH, 8000", "generated5k, AR, 8000", "generated5k, EN, 8000",
        "generated500, ZH, 500", "generated500, AR, 500", "generated500, EN, 500",
        "generated50k, ZH, 500", "generated50k, AR, 500", "generated50k, EN, 500"
    })
    void scalingMessagesHaveTheirLengthAndOneToThreeKeywordsAndNoOther(String name, Language language, int length) {
        CompiledPolicy policy = Fixtures.policy(name);

        Fixtures.Message message = Fixtures.message(name, language, length);

        assertThat(message.text()).hasSize(length);
        assertPlantedAndNoOther(policy, message, language);
        List<String> keywords = Fixtures.keywords(policy, language);
        assertThat(new MessageGenerator(policy, 11, length).generate(language, keywords))
                .isEqualTo(new MessageGenerator(policy, 11, length).generate(language, keywords));
    }

    private static void assertPlantedAndNoOther(CompiledPolicy policy, Fixtures.Message message, Language language) {
        assertThat(message.planted()).hasSizeBetween(1, 3);
        List<KeywordMatch> matches = policy.routing().findKeywords(message.text());
        for (String planted : message.planted()) {
            assertThat(Fixtures.lowerCased(message.text())).contains(planted);
            assertThat(matches).anyMatch(m -> Fixtures.fold(m.keyword()).equals(planted));
        }
        assertThat(matches)
                .allMatch(m -> message.planted().stream().anyMatch(p -> p.contains(Fixtures.fold(m.keyword()))));
        Decision decision = policy.route(RouteRequest.of(message.text()));
        assertThat(decision.locale()).isEqualTo(language);
        assertThat(decision.highRiskTriggered()).isTrue();
    }
}
