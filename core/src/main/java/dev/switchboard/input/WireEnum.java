package dev.switchboard.input;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enums on the wire: lowercase {@code snake_case}, parsed ignoring case. */
public final class WireEnum {
    private WireEnum() {}

    public static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose code is {@code code} in any ASCII case ({@code "MICRO_flow"}); look-alike letters do not count. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        if (code == null || !code.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        String lower = code.toLowerCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (code(value).equals(lower)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The accepted codes, for error messages: {@code agent, micro_flow, fixed, transfer}. */
    public static String codes(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::code).collect(Collectors.joining(", "));
    }
}
