package dev.switchboard.server;

import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.LocalizedFields;
import dev.switchboard.escalation.Priority;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.policy.Policies;
import dev.switchboard.tenant.IssuedKey;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code serve --demo}: a {@code demo} tenant on the default policy with sample escalations in Arabic, Chinese and
 * English (made once, with the tenant), a fresh key per role (keys are shown once, so each start prints new ones),
 * and ready-to-paste {@code curl} lines.
 */
final class Demo {
    static final String TENANT = "demo";

    private static final Actor DEMO_AGENT = new Actor("demo-agent", Role.AGENT);

    private Demo() {}

    /** Three packets an operator can work right away, one per language. */
    static List<EscalationContent> samples() {
        return List.of(
                EscalationContent.builder(
                                "Customer complaint about a late delivery",
                                "ticket",
                                "T-2001",
                                EscalationReason.CUSTOMER_COMPLAINT)
                        .titleAr("شكوى عميل بسبب تأخر التوصيل")
                        .priority(Priority.HIGH)
                        .targetRole("support_lead")
                        .workflow("support_reply", "draft_answer")
                        .suggestedAction(
                                "Apologise, confirm the new delivery date and offer free shipping",
                                "الاعتذار للعميل وتأكيد موعد التوصيل الجديد وعرض شحن مجاني")
                        .riskIfDelayed("The customer may cancel the order", "قد يلغي العميل الطلب")
                        .artifact(new Artifact(
                                "message", "customer_message", "طلبي متأخر أسبوعاً ولم يرد علي أحد!", null))
                        .build(),
                EscalationContent.builder(
                                "Discount approval for a large order",
                                "deal",
                                "D-3001",
                                EscalationReason.HIGH_VALUE_DEAL)
                        .titleAr("اعتماد خصم لطلب كبير")
                        .priority(Priority.CRITICAL)
                        .targetRole("manager")
                        .workflow("quote_approval", "discount")
                        .confidence(0.42)
                        .suggestedAction("Approve or reject the 12% discount", "اعتماد أو رفض خصم 12٪")
                        .localized(Language.ZH, new LocalizedFields("大额订单折扣审批", "审核12%的折扣并批准或拒绝", "客户可能转向竞争对手"))
                        .artifact(new Artifact("message", "customer_message", "如果能打八八折，我们今天就下单五百台。", null))
                        .build(),
                EscalationContent.builder(
                                "Unclear warranty question", "conversation", "C-4001", EscalationReason.LOW_CONFIDENCE)
                        .titleAr("سؤال غير واضح عن الضمان")
                        .priority(Priority.MEDIUM)
                        .targetRole("human_reviewer")
                        .workflow("warranty_answer", "answer")
                        .confidence(0.21)
                        .suggestedAction(
                                "Check whether water damage is covered and answer the customer",
                                "التحقق من تغطية الضمان لأضرار الماء والرد على العميل")
                        .artifact(new Artifact(
                                "message",
                                "customer_message",
                                "My phone fell in the pool last week, is that covered by the extended warranty?",
                                null))
                        .build());
    }

    static Map<Role, IssuedKey> prepare(Tenants tenants, Escalations escalations) {
        Map<Role, IssuedKey> keys = new EnumMap<>(Role.class);
        tenants.createTenant(TENANT, "Demo", Language.EN, ZoneId.of("Asia/Riyadh"), Policies.defaultDocument())
                .ifPresent(created -> {
                    keys.put(Role.ADMIN, created.adminKey());
                    samples().forEach(sample -> escalations.create(TENANT, sample, DEMO_AGENT));
                });
        for (Role role : Role.values()) {
            keys.computeIfAbsent(
                    role, r -> tenants.createKey(TENANT, "demo-" + r.name().toLowerCase(java.util.Locale.ROOT), r));
        }
        return keys;
    }

    static void print(PrintWriter out, int port, Map<Role, IssuedKey> keys) {
        String base = "http://localhost:" + port;
        out.println();
        out.println("Switchboard demo is running at " + base);
        out.println("Tenant \"" + TENANT + "\" is on the default policy. Its keys (shown once):");
        keys.forEach(
                (role, key) -> out.printf("  %-10s %s%n", role.name().toLowerCase(java.util.Locale.ROOT), key.token()));
        String agent = keys.get(Role.AGENT).token();
        out.println();
        out.println("Route a message in Chinese, Arabic and English:");
        for (String message : new String[] {"請幫我轉人工客服", "أريد استرداد أموالي", "Can I talk to a real person?"}) {
            out.printf(
                    "  curl -s %s/v1/route -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' "
                            + "-d '{\"message\": \"%s\", \"session_id\": \"demo-1\"}'%n",
                    base, agent, message);
        }
        out.println();
        out.println("The escalation queue (operator), then claim and resolve one:");
        String operator = keys.get(Role.OPERATOR).token();
        out.printf(
                "  curl -s '%s/v1/escalations?status=pending,in_progress' -H 'Authorization: Bearer %s'%n",
                base, operator);
        out.printf("  curl -s -X POST %s/v1/escalations/<id>/assign -H 'Authorization: Bearer %s'%n", base, operator);
        out.printf(
                "  curl -s %s/v1/escalations/<id>/resolve -H 'Authorization: Bearer %s' -H 'Content-Type: "
                        + "application/json' -d '{\"action_taken\": \"approved\", \"notes\": \"ok\"}'%n",
                base, operator);
        out.println();
        out.println("Decision log (supervisor): curl -s " + base + "/v1/decisions -H 'Authorization: Bearer "
                + keys.get(Role.SUPERVISOR).token() + "'");
        out.println("API description: " + base + "/openapi.json    Stop with Ctrl-C.");
        out.flush();
    }
}
