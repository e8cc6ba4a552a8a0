package dev.switchboard.bench.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the process engines carry, as variables: the fields Switchboard's packet and decision carry. */
final class Lifecycles {
    /** Finished process instances, in the history table that Flowable and Camunda 7 both inherited from Activiti. */
    static final String FINISHED_PROCESSES = "SELECT COUNT(*) FROM act_hi_procinst WHERE end_time_ IS NOT NULL";

    private Lifecycles() {}

    static Map<String, Object> packet(long n) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("title", "Refund above the limit");
        variables.put("entity_type", "order");
        variables.put("entity_id", "o-" + n);
        variables.put("reason", "high_value_deal");
        variables.put("priority", "high");
        variables.put("workflow_name", "refunds");
        variables.put("failed_step", "approve");
        variables.put("suggested_action", "approve the refund");
        variables.put("artifact", "customer asks for 1,500 SAR back");
        return variables;
    }

    static Map<String, Object> decision() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("action_taken", "refund_approved");
        variables.put("notes", "ok");
        variables.put("amount", 1500);
        return variables;
    }
}
