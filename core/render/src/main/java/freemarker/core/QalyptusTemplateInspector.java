package freemarker.core;

import freemarker.template.Template;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a parsed FreeMarker template's syntax tree for the Qalyptus report sandbox. It lives in FreeMarker's
 * package because the tree's accessors are package-private; it only reads the tree and changes nothing.
 * Checked against the FreeMarker version the build pins (tests fail if the tree changes shape).
 *
 * <p>What it reports: every built-in used ({@code ?new}, {@code ?interpret} ...), every range expression
 * ({@code 1..}), every {@code #include}/{@code #import}/{@code #visit}/{@code #recurse}, every call of a
 * top-level function with its literal string arguments, every block that buffers output ({@code #attempt}, an
 * {@code #assign} with a body), and every {@code name.key} access on a top-level
 * hash (for {@code iteration.region}).
 */
public final class QalyptusTemplateInspector {

    /** Something the template does, with where. */
    public record Use(Kind kind, String name, List<String> literalArguments, int line, int column) {}

    public enum Kind {
        BUILT_IN, BUILT_IN_CALL, RANGE, INCLUDE, IMPORT, VISIT, OUTPUT_CAPTURE, CALL, HASH_KEY
    }

    private QalyptusTemplateInspector() {}

    public static List<Use> inspect(Template template) {
        List<Use> uses = new ArrayList<>();
        walk(template.getRootTreeNode(), uses, new IdentityHashMap<>(), 0);
        return uses;
    }

    private static void walk(Object node, List<Use> uses, Map<Object, Boolean> seen, int depth) {
        if (!(node instanceof TemplateObject object) || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (depth > 10_000) {
            throw new IllegalStateException("template nested too deeply");
        }
        if (object instanceof BuiltIn builtIn) {
            uses.add(use(Kind.BUILT_IN, builtIn.key, List.of(), object));
        } else if (object instanceof Range) {
            uses.add(use(Kind.RANGE, "..", List.of(), object));
        } else if (object instanceof Include) {
            uses.add(use(Kind.INCLUDE, "#include", List.of(), object));
        } else if (object instanceof LibraryLoad) {
            uses.add(use(Kind.IMPORT, "#import", List.of(), object));
        } else if (object instanceof AttemptBlock) {
            uses.add(use(Kind.OUTPUT_CAPTURE, "#attempt", List.of(), object));
        } else if (object instanceof BlockAssignment) {
            uses.add(use(Kind.OUTPUT_CAPTURE, "#assign/#local/#global with a body", List.of(), object));
        } else if (object instanceof VisitNode || object instanceof RecurseNode) {
            uses.add(use(Kind.VISIT, object instanceof VisitNode ? "#visit" : "#recurse", List.of(), object));
        } else if (object instanceof MethodCall call
                && (call.getTarget() instanceof Identifier || call.getTarget() instanceof BuiltIn)) {
            List<String> literals = new ArrayList<>();
            for (int i = 1; i < call.getParameterCount(); i++) {
                literals.add(literal(call.getParameterValue(i)));
            }
            if (call.getTarget() instanceof Identifier function) {
                uses.add(use(Kind.CALL, function.getName(), literals, object));
            } else {
                uses.add(use(Kind.BUILT_IN_CALL, ((BuiltIn) call.getTarget()).key, literals, object));
            }
        } else if (object instanceof Dot dot && dot.getParameterValue(0) instanceof Identifier hash) {
            uses.add(use(Kind.HASH_KEY, hash.getName(), List.of(dot.getRHO()), object));
        } else if (object instanceof DynamicKeyName key && key.getParameterValue(0) instanceof Identifier hash
                && key.getParameterValue(1) instanceof StringLiteral s && s.isLiteral()) {
            uses.add(use(Kind.HASH_KEY, hash.getName(), List.of(s.getAsString()), object));
        }
        int parameters;
        try {
            parameters = object.getParameterCount();
        } catch (RuntimeException e) {
            parameters = 0;
        }
        for (int i = 0; i < parameters; i++) {
            Object value;
            try {
                value = object.getParameterValue(i);
            } catch (RuntimeException e) {
                continue;
            }
            if (value instanceof TemplateObject) {
                walk(value, uses, seen, depth + 1);
            } else if (value instanceof Iterable<?> list) {
                for (Object item : list) {
                    walk(item, uses, seen, depth + 1);
                }
            }
        }
        if (object instanceof TemplateElement element) {
            for (int i = 0; i < element.getChildCount(); i++) {
                walk(element.getChild(i), uses, seen, depth + 1);
            }
        }
    }

    /** The value of a string or number literal, or null for anything computed. */
    private static String literal(Object expression) {
        if (expression instanceof StringLiteral s && s.isLiteral()) {
            return s.getAsString();
        }
        if (expression instanceof NumberLiteral n) {
            return n.getCanonicalForm();
        }
        return null;
    }

    private static Use use(Kind kind, String name, List<String> arguments, TemplateObject at) {
        return new Use(kind, name, java.util.Collections.unmodifiableList(new ArrayList<>(arguments)), at.getBeginLine(),
                at.getBeginColumn());
    }
}
