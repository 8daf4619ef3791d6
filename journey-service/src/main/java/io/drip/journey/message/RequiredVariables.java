package io.drip.journey.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liqp.Template;
import liqp.org.antlr.v4.runtime.tree.ParseTree;
import liquid.parser.v4.LiquidParser;

/**
 * The variables a template prints without a {@code default} filter. Liquid prints nothing for a
 * missing variable; for a message that would be a half-rendered text, so such a variable must
 * have a value for the contact. (liqp's strict mode cannot be used: it also fails variables
 * that do have a default, and conditions on traits a contact lacks.)
 */
final class RequiredVariables {
    private final List<String> paths;

    private RequiredVariables(List<String> paths) {
        this.paths = paths;
    }

    static RequiredVariables of(Template template) {
        List<String> paths = new ArrayList<>();
        collect(template.getParseTree(), paths);
        return new RequiredVariables(List.copyOf(paths));
    }

    /** The first required variable that {@code variables} has no value for. */
    Optional<String> firstMissing(Map<String, Object> variables) {
        return paths.stream().filter(path -> resolve(variables, path) == null).findFirst();
    }

    private static void collect(ParseTree node, List<String> paths) {
        if (node instanceof LiquidParser.OutputContext output) {
            boolean defaulted = output.filter().stream().anyMatch(f -> "default".equals(f.Id().getText()));
            if (!defaulted && output.expr() instanceof LiquidParser.Expr_termContext term
                    && term.term() instanceof LiquidParser.Term_lookupContext lookup
                    && lookup.lookup() instanceof LiquidParser.Lookup_id_indexesContext path
                    && path.getText().matches("[A-Za-z_][\\w.-]*")) {
                paths.add(path.getText());
            }
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collect(node.getChild(i), paths);
        }
    }

    private static Object resolve(Map<String, Object> variables, String path) {
        Object value = variables;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }
}
