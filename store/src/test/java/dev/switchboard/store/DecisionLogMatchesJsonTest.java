package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.routing.KeywordMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decision log's matches column: written field by field, exactly as the object mapper wrote it, and read back. */
class DecisionLogMatchesJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TEXTS = {"refund", "退款", "استرداد", "say \"hi\"", "back\\slash", "tab\there", "", "😀"
    };

    @Test
    void json_isTheMappersForm_andReadsBack() throws Exception {
        Random random = new Random(20261121);
        for (int round = 0; round < 2_000; round++) {
            List<KeywordMatch> matches = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                int start = random.nextInt(10_000);
                matches.add(new KeywordMatch(
                        TEXTS[random.nextInt(TEXTS.length)],
                        TEXTS[random.nextInt(TEXTS.length)] + TEXTS[random.nextInt(TEXTS.length)],
                        start,
                        start + 1 + random.nextInt(20)));
            }

            String json = SqlDecisionLogStore.json(matches);

            assertThat(json).isEqualTo(MAPPER.writeValueAsString(matches));
            assertThat(SqlDecisionLogStore.matches(json)).isEqualTo(matches);
        }
    }
}
