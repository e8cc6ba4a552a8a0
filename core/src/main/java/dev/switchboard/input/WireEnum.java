package dev.switchboard.input;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enums on the wire: lowercase {@code snake_case}, parsed ignoring case. */
public final class WireEnum {
    /** The codes of each enum type by ordinal, made once: codes are written for every field of every response. */
    private static final ClassValue<String[]> CODES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants())
                    .map(value -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
        }
    };

    private WireEnum() {}

    public static String code(Enum<?> value) {
        return CODES.get(value.getDeclaringClass())[value.ordinal()];
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
