package io.drip.kit.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Boolean CEL conditions over JSON-shaped variables (maps, lists, strings, numbers), as
 * journeys and segments write them: each variable is a {@code map(string, dyn)}, and whole and
 * fractional numbers compare with each other ({@code value >= 20} holds for 20 and 20.5).
 */
public final class JsonCel {
    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final MapType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    /** A compiled condition. */
    public static final class Condition {
        private final String expression;
        private final CelRuntime.Program program;
        private final Set<String> reads;

        private Condition(String expression, CelRuntime.Program program, Set<String> reads) {
            this.expression = expression;
            this.program = program;
            this.reads = reads;
        }

        /**
         * False also when it cannot be evaluated for these values (e.g. a missing trait). Only the
         * variables it reads are converted to CEL's values.
         */
        public boolean test(Map<String, ?> variables) {
            Map<String, Object> read = new HashMap<>();
            for (String name : reads) {
                Object value = variables.get(name);
                if (value != null) {
                    read.put(name, celValue(value));
                }
            }
            try {
                return Boolean.TRUE.equals(program.eval(read));
            } catch (CelEvaluationException e) {
                return false;
            }
        }

        public String expression() {
            return expression;
        }

        /** Does the condition read this variable (anywhere, not only on the path it takes)? */
        public boolean reads(String variable) {
            return reads.contains(variable);
        }
    }

    private JsonCel() {
    }

    /** Compiles a boolean {@code expression} over the named map variables; an error is an IllegalArgumentException. */
    public static Condition compile(String expression, List<String> variables) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        variables.forEach(name -> builder.addVar(name, OBJECT));
        CelCompiler compiler = builder.build();
        try {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            // the checker resolved every identifier: the declared variables among them are what it reads
            Set<String> reads = ast.getReferenceMap().values().stream().map(CelReference::name)
                    .filter(variables::contains).collect(Collectors.toUnmodifiableSet());
            return new Condition(expression, RUNTIME.createProgram(ast), reads);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** JSON values as CEL's types: whole numbers are int (long), others double; nulls are absent. */
    public static Object celValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new HashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    converted.put(String.valueOf(k), celValue(v));
                }
            });
            return converted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonCel::celValue).toList();
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
