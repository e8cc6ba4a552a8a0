package dev.switchboard.routing;

import dev.switchboard.text.Language;
import dev.switchboard.text.LocalizedText;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The texts routing sends, by message id and language: a policy's own, then the built-in defaults below. A transfer
 * caused by scenario {@code s} uses {@code transfer_s} when there is one, else {@code transfer}. Immutable.
 */
public final class Messages {
    public static final String TRANSFER = "transfer";

    /** Built-in texts; the Chinese ones are the seed's. */
    public static final Map<String, LocalizedText> DEFAULTS = Map.of(
            TRANSFER,
            LocalizedText.of(
                    "Transferring you to a human agent...",
                    "جارٍ تحويلك إلى أحد موظفي خدمة العملاء...",
                    "正在为您转接人工客服..."),
            TRANSFER + "_complaint_escalation",
            LocalizedText.of(
                    "It looks like you need help with a complaint. Transferring you to a human agent...",
                    "يبدو أنك تحتاج إلى متابعة شكوى، جارٍ تحويلك إلى أحد موظفي خدمة العملاء...",
                    "检测到您可能需要投诉处理,正在为您转接人工客服..."),
            TRANSFER + "_refund",
            LocalizedText.of(
                    "Your refund request needs a person to handle it. Transferring you...",
                    "طلب استرداد المبلغ يحتاج إلى معالجة من أحد الموظفين، جارٍ تحويلك...",
                    "您的退款请求需要人工处理,正在为您转接..."));

    private static final Language[] LANGUAGES = Language.values();

    private final Map<String, LocalizedText> own;
    /** {@link #transfer}'s answers worked out once: the generic texts, and per scenario with texts of its own. */
    private final String[] genericTransfer;

    private final Map<String, String[]> scenarioTransfer = new HashMap<>();

    public Messages(Map<String, LocalizedText> own) {
        this.own = Map.copyOf(own);
        this.genericTransfer = byLanguage(TRANSFER);
        String prefix = TRANSFER + "_";
        for (String id : union(this.own.keySet(), DEFAULTS.keySet())) {
            if (id.startsWith(prefix)) {
                scenarioTransfer.put(id.substring(prefix.length()), byLanguage(id));
            }
        }
    }

    private String[] byLanguage(String id) {
        String[] texts = new String[LANGUAGES.length];
        for (Language language : LANGUAGES) {
            texts[language.ordinal()] = text(id, language).orElse(null);
        }
        return texts;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.addAll(b);
        return both;
    }

    public Map<String, LocalizedText> own() {
        return own;
    }

    /** The transfer message for a scenario ({@code null} for a generic transfer) in {@code language}. */
    public String transfer(String scenario, Language language) {
        String[] specific = scenario == null ? null : scenarioTransfer.get(scenario);
        if (specific != null && specific[language.ordinal()] != null) {
            return specific[language.ordinal()];
        }
        return genericTransfer[language.ordinal()];
    }

    /** A message in {@code language}: the policy's, else the default's, else the policy's or default's best. */
    public Optional<String> text(String id, Language language) {
        LocalizedText mine = own.get(id);
        LocalizedText fallback = DEFAULTS.get(id);
        return Optional.ofNullable(mine)
                .flatMap(t -> t.in(language))
                .or(() -> Optional.ofNullable(fallback).flatMap(t -> t.in(language)))
                .or(() -> Optional.ofNullable(mine).flatMap(t -> t.best(language)))
                .or(() -> Optional.ofNullable(fallback).flatMap(t -> t.best(language)));
    }
}
