package io.drip.journey.definition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CEL condition over {@code contact}, {@code event} and {@code trigger} (the event that
 * started the run), compiled when the journey is read so that a typo is reported with the file,
 * not discovered at a contact's run.
 */
public final class Condition {
    // numbers in JSON are doubles or ints at will; "value >= 20" must work for both
    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final MapType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("contact", OBJECT)
            .addVar("event", OBJECT)
            .addVar("trigger", OBJECT)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private final String expression;
    private final CelRuntime.Program program;

    private Condition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /** Compiles {@code expression}; a syntax or type error is an {@link IllegalArgumentException}. */
    public static Condition compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return new Condition(expression, RUNTIME.createProgram(ast));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Evaluates the condition; a condition that cannot be evaluated for these values (e.g. a
     * trait the contact lacks) is false, as a missing value would be.
     */
    @SuppressWarnings("unchecked")
    public boolean test(Map<String, Object> variables) {
        try {
            return Boolean.TRUE.equals(program.eval((Map<String, ?>) celValue(variables)));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    public String expression() {
        return expression;
    }

    /** JSON values as CEL's types: whole numbers are int (long), others double. */
    private static Object celValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            // a JSON null is taken as absent, so has() and missing-key rules apply to it
            Map<String, Object> converted = new HashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    converted.put(String.valueOf(k), celValue(v));
                }
            });
            return converted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Condition::celValue).toList();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }
}
