package dev.switchboard.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a kind of rule can read, with the CEL compiler and runtime for them. Built once; immutable and
 * thread-safe.
 */
public final class RuleEnvironment {
    /** Most iterations one macro ({@code all}, {@code exists}, {@code map}…) may run: bounds a rule's cost. */
    public static final int MAX_COMPREHENSION_ITERATIONS = 10_000;

    /** Options every environment shares: {@code 1 < 1.5} and {@code 100000 == 100000.0} compare as numbers. */
    static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
            .build();

    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.plannerRuntimeBuilder().setOptions(OPTIONS).build();

    private static final MapType JSON_OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

    /**
     * Routing rules (SPEC §2.5): {@code message} and {@code locale} (strings), and the objects {@code context},
     * {@code session} ({@code id}, {@code mode}), {@code intent_match}, {@code intent_hint}, {@code high_risk_check}
     * and {@code feature_flags} as the request gave them (absent ones are empty).
     */
    public static final RuleEnvironment ROUTING = new RuleEnvironment(Map.of(
            "message", SimpleType.STRING,
            "locale", SimpleType.STRING,
            "context", JSON_OBJECT,
            "session", JSON_OBJECT,
            "intent_match", JSON_OBJECT,
            "intent_hint", JSON_OBJECT,
            "high_risk_check", JSON_OBJECT,
            "feature_flags", JSON_OBJECT));

    /**
     * Auto-escalation rules (SPEC §3.4): the caller's context as {@code context}, and each of its keys as a bare
     * identifier ({@code deal_value_sar > 100000}). Free identifiers of an expression are declared {@code dyn}; a key
     * the context lacks at evaluation makes the condition not hold.
     */
    public static final RuleEnvironment CONTEXT = new RuleEnvironment(Map.of("context", JSON_OBJECT), true);

    /** Names CEL reads as types, never as context keys. */
    private static final Set<String> TYPE_NAMES =
            Set.of("bool", "bytes", "double", "dyn", "int", "list", "map", "null_type", "string", "type", "uint");

    private final CelCompiler compiler;
    private final Map<String, CelType> variables;
    private final boolean bareIdentifiers;

    private RuleEnvironment(Map<String, CelType> variables) {
        this(variables, false);
    }

    private RuleEnvironment(Map<String, CelType> variables, boolean bareIdentifiers) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        variables.forEach(builder::addVar);
        this.compiler = builder.build();
        this.variables = Map.copyOf(variables);
        this.bareIdentifiers = bareIdentifiers;
    }

    /**
     * Parses and type-checks {@code source}. With bare identifiers, every identifier the expression reads that is not
     * a variable of this environment (nor a type name) is declared {@code dyn} first.
     */
    CelAbstractSyntaxTree compile(String source) throws CelValidationException {
        if (!bareIdentifiers) {
            return compiler.compile(source).getAst();
        }
        CelAbstractSyntaxTree parsed = compiler.parse(source).getAst();
        Set<String> free = new TreeSet<>();
        CelNavigableAst.fromAst(parsed)
                .getRoot()
                .allNodes()
                .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT)
                .map(node -> node.expr().ident().name())
                .filter(name -> !variables.containsKey(name) && !TYPE_NAMES.contains(name))
                .forEach(free::add);
        CelCompilerBuilder builder = compiler.toCompilerBuilder();
        free.forEach(name -> builder.addVar(name, SimpleType.DYN));
        return builder.build().check(parsed).getAst();
    }

    CelRuntime runtime() {
        return RUNTIME;
    }
}
