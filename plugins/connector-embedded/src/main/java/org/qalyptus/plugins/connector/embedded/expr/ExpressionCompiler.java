package org.qalyptus.plugins.connector.embedded.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.qalyptus.plugins.connector.embedded.expr.Expr.Binary;
import org.qalyptus.plugins.connector.embedded.expr.Expr.Call;
import org.qalyptus.plugins.connector.embedded.expr.Expr.FieldRef;
import org.qalyptus.plugins.connector.embedded.expr.Expr.NumberLiteral;
import org.qalyptus.plugins.connector.embedded.expr.Expr.StringLiteral;
import org.qalyptus.plugins.connector.embedded.expr.Expr.Unary;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldType;

/**
 * Compiles an {@link Expr} to a SQL expression over the app's model table. Field names are looked up
 * in the declared fields (case-sensitive, as in Qlik) and emitted as quoted identifiers; literals become
 * typed parameters. Outside an aggregation a field stands for {@code Only(field)}, as in a Qlik chart.
 */
public final class ExpressionCompiler {

    /** The type of a compiled expression, as far as it can be known before running it. */
    public enum Type { NUMBER, TEXT, DATE, BOOLEAN, ANY }

    /** A compiled expression: SQL, its parameters and its type. */
    public record Compiled(Sql sql, Type type) {}

    private static final Set<String> AGGREGATIONS = Set.of("sum", "count", "avg", "min", "max", "only");

    private final Map<String, FieldType> fields;

    /** @param fields every declared field name and its type */
    public ExpressionCompiler(Map<String, FieldType> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** Compiles an expression that is evaluated once per group (a measure, a KPI, a variable). */
    public Compiled compileAggregate(Expr expr) {
        return new Context(false).compile(expr);
    }

    private final class Context {
        private final boolean insideAggregation;

        Context(boolean insideAggregation) {
            this.insideAggregation = insideAggregation;
        }

        Compiled compile(Expr expr) {
            if (expr instanceof NumberLiteral n) {
                return new Compiled(Sql.param(n.value()), Type.NUMBER);
            } else if (expr instanceof StringLiteral s) {
                return new Compiled(Sql.param(s.value()), Type.TEXT);
            } else if (expr instanceof FieldRef f) {
                return field(f);
            } else if (expr instanceof Unary u) {
                return unary(u);
            } else if (expr instanceof Binary b) {
                return binary(b);
            }
            return call((Call) expr);
        }

        private Compiled field(FieldRef ref) {
            FieldType type = fields.get(ref.name());
            if (type == null) {
                String hint = fields.keySet().stream().filter(n -> n.equalsIgnoreCase(ref.name())).findFirst()
                        .map(n -> " (field names are case-sensitive: did you mean " + n + "?)").orElse("");
                throw new ExpressionException(ref.position(), "unknown field '" + shorten(ref.name()) + "'" + hint);
            }
            Type t = switch (type) {
                case TEXT -> Type.TEXT;
                case DATE -> Type.DATE;
                default -> Type.NUMBER;
            };
            Sql column = Sql.of(Sql.identifier(ref.name()));
            if (insideAggregation) {
                return new Compiled(column, t);
            }
            return new Compiled(only(column), t);
        }

        private Compiled unary(Unary u) {
            Compiled operand = compile(u.operand());
            if (u.operator().equals("not")) {
                return new Compiled(Sql.concat("(NOT ", condition(operand, u.operand().position()), ")"), Type.BOOLEAN);
            }
            return new Compiled(Sql.concat("(-", numeric(operand, u.operand().position()), ")"), Type.NUMBER);
        }

        private Compiled binary(Binary b) {
            Compiled left = compile(b.left());
            Compiled right = compile(b.right());
            switch (b.operator()) {
                case "and", "or" -> {
                    return new Compiled(Sql.concat("(", condition(left, b.left().position()), " " + b.operator().toUpperCase() + " ",
                            condition(right, b.right().position()), ")"), Type.BOOLEAN);
                }
                case "&" -> {
                    return new Compiled(Sql.concat("concat(CAST(", value(left), " AS VARCHAR), CAST(", value(right), " AS VARCHAR))"),
                            Type.TEXT);
                }
                case "+", "-", "*" -> {
                    if (left.type() == Type.DATE && b.operator().equals("+") || left.type() == Type.DATE && b.operator().equals("-")
                            && right.type() == Type.NUMBER) {
                        return new Compiled(Sql.concat("CAST((", value(left), " ", b.operator(), " CAST(", value(right),
                                " AS INTEGER)) AS DATE)"), Type.DATE);
                    }
                    return new Compiled(Sql.concat("(", numeric(left, b.left().position()), " " + b.operator() + " ",
                            numeric(right, b.right().position()), ")"), Type.NUMBER);
                }
                case "/" -> {
                    // Qlik gives null for a division by zero, SQL would fail.
                    return new Compiled(Sql.concat("(CAST(", numeric(left, b.left().position()), " AS DOUBLE) / NULLIF(",
                            numeric(right, b.right().position()), ", 0))"), Type.NUMBER);
                }
                default -> {
                    return new Compiled(Sql.concat("(", value(left), " " + b.operator() + " ", value(right), ")"), Type.BOOLEAN);
                }
            }
        }

        private Compiled call(Call c) {
            String name = c.name();
            if (AGGREGATIONS.contains(name)) {
                return aggregation(c);
            }
            if (c.distinct()) {
                throw new ExpressionException(c.position(), "DISTINCT is only allowed in an aggregation such as Count");
            }
            List<Compiled> args = new ArrayList<>();
            for (Expr arg : c.arguments()) {
                args.add(compile(arg));
            }
            Function<Integer, Sql> v = i -> value(args.get(i));
            Function<Integer, Sql> n = i -> numeric(args.get(i), c.arguments().get(i).position());
            switch (name) {
                case "if" -> {
                    arity(c, 2, 3);
                    Sql otherwise = args.size() == 3 ? v.apply(2) : Sql.of("NULL");
                    Type type = args.get(1).type() == (args.size() == 3 ? args.get(2).type() : args.get(1).type())
                            ? args.get(1).type() : Type.ANY;
                    return new Compiled(Sql.concat("(CASE WHEN ", condition(args.get(0), c.arguments().get(0).position()),
                            " THEN ", v.apply(1), " ELSE ", otherwise, " END)"), type == Type.BOOLEAN ? Type.NUMBER : type);
                }
                case "alt" -> {
                    arity(c, 1, 32);
                    return new Compiled(Sql.join("COALESCE(", ", ", ")", args.stream().map(ExpressionCompiler::value).toList()),
                            args.get(0).type());
                }
                case "rangesum" -> {
                    arity(c, 1, 32);
                    List<Sql> parts = new ArrayList<>();
                    for (int i = 0; i < args.size(); i++) {
                        parts.add(Sql.concat("COALESCE(", n.apply(i), ", 0)"));
                    }
                    return new Compiled(Sql.join("(", " + ", ")", parts), Type.NUMBER);
                }
                case "rangemax", "rangemin" -> {
                    arity(c, 1, 32);
                    List<Sql> parts = new ArrayList<>();
                    for (int i = 0; i < args.size(); i++) {
                        parts.add(n.apply(i));
                    }
                    return new Compiled(Sql.join(name.equals("rangemax") ? "greatest(" : "least(", ", ", ")", parts), Type.NUMBER);
                }
                case "round" -> {
                    arity(c, 1, 2);
                    if (args.size() == 1) {
                        return new Compiled(Sql.concat("round(", n.apply(0), ")"), Type.NUMBER);
                    }
                    return new Compiled(Sql.concat("(round(", n.apply(0), " / NULLIF(", n.apply(1), ", 0)) * ", n.apply(1), ")"),
                            Type.NUMBER);
                }
                case "floor", "ceil", "fabs", "sqrt", "exp", "log", "sign" -> {
                    arity(c, 1, 1);
                    String fn = switch (name) {
                        case "fabs" -> "abs";
                        case "log" -> "ln";
                        default -> name;
                    };
                    return new Compiled(Sql.concat(fn + "(", n.apply(0), ")"), Type.NUMBER);
                }
                case "mod" -> {
                    arity(c, 2, 2);
                    return new Compiled(Sql.concat("(", n.apply(0), " % NULLIF(", n.apply(1), ", 0))"), Type.NUMBER);
                }
                case "upper", "lower", "trim", "ltrim", "rtrim" -> {
                    arity(c, 1, 1);
                    return new Compiled(Sql.concat(name + "(CAST(", v.apply(0), " AS VARCHAR))"), Type.TEXT);
                }
                case "len" -> {
                    arity(c, 1, 1);
                    return new Compiled(Sql.concat("length(CAST(", v.apply(0), " AS VARCHAR))"), Type.NUMBER);
                }
                case "left", "right" -> {
                    arity(c, 2, 2);
                    return new Compiled(Sql.concat(name + "(CAST(", v.apply(0), " AS VARCHAR), CAST(", n.apply(1), " AS BIGINT))"),
                            Type.TEXT);
                }
                case "mid" -> {
                    arity(c, 2, 3);
                    Sql length = args.size() == 3 ? Sql.concat(", CAST(", n.apply(2), " AS BIGINT)") : Sql.of("");
                    return new Compiled(Sql.concat("substring(CAST(", v.apply(0), " AS VARCHAR), CAST(", n.apply(1), " AS BIGINT)",
                            length, ")"), Type.TEXT);
                }
                case "index" -> {
                    arity(c, 2, 2);
                    return new Compiled(Sql.concat("instr(CAST(", v.apply(0), " AS VARCHAR), CAST(", v.apply(1), " AS VARCHAR))"),
                            Type.NUMBER);
                }
                case "replace" -> {
                    arity(c, 3, 3);
                    return new Compiled(Sql.concat("replace(CAST(", v.apply(0), " AS VARCHAR), CAST(", v.apply(1),
                            " AS VARCHAR), CAST(", v.apply(2), " AS VARCHAR))"), Type.TEXT);
                }
                case "text" -> {
                    arity(c, 1, 1);
                    return new Compiled(Sql.concat("CAST(", v.apply(0), " AS VARCHAR)"), Type.TEXT);
                }
                case "year", "month", "day", "week", "weekday", "quarter" -> {
                    arity(c, 1, 1);
                    String fn = name.equals("weekday") ? "isodow" : name;
                    return new Compiled(Sql.concat(fn + "(", date(args.get(0), c.arguments().get(0).position()), ")"), Type.NUMBER);
                }
                case "monthstart", "yearstart", "quarterstart" -> {
                    arity(c, 1, 1);
                    String unit = name.substring(0, name.length() - "start".length());
                    return new Compiled(Sql.concat("CAST(date_trunc('" + unit + "', ", date(args.get(0), c.arguments().get(0).position()),
                            ") AS DATE)"), Type.DATE);
                }
                case "addmonths" -> {
                    arity(c, 2, 2);
                    return new Compiled(Sql.concat("CAST((", date(args.get(0), c.arguments().get(0).position()),
                            " + to_months(CAST(", n.apply(1), " AS INTEGER))) AS DATE)"), Type.DATE);
                }
                case "today" -> {
                    arity(c, 0, 0);
                    return new Compiled(Sql.of("current_date"), Type.DATE);
                }
                case "isnull" -> {
                    arity(c, 1, 1);
                    return new Compiled(Sql.concat("(", v.apply(0), " IS NULL)"), Type.BOOLEAN);
                }
                default -> throw new ExpressionException(c.position(), "unknown function '" + shorten(c.name()) + "'");
            }
        }

        private Compiled aggregation(Call c) {
            if (insideAggregation) {
                throw new ExpressionException(c.position(), "aggregations cannot be nested ('" + c.name()
                        + "' inside another aggregation)");
            }
            arity(c, 1, 1);
            if (c.distinct() && !(c.name().equals("count") || c.name().equals("sum") || c.name().equals("avg"))) {
                throw new ExpressionException(c.position(), "DISTINCT is only allowed in Count, Sum and Avg");
            }
            Compiled arg = new Context(true).compile(c.arguments().get(0));
            String distinct = c.distinct() ? "DISTINCT " : "";
            Sql a = value(arg);
            return switch (c.name()) {
                case "sum" -> new Compiled(Sql.concat("COALESCE(SUM(" + distinct, numeric(arg, c.arguments().get(0).position()),
                        "), 0)"), Type.NUMBER);
                case "count" -> new Compiled(Sql.concat("COUNT(" + distinct, a, ")"), Type.NUMBER);
                case "avg" -> new Compiled(Sql.concat("AVG(" + distinct, numeric(arg, c.arguments().get(0).position()), ")"),
                        Type.NUMBER);
                case "min", "max" -> new Compiled(Sql.concat(c.name().toUpperCase() + "(", a, ")"), arg.type());
                default -> new Compiled(only(a), arg.type());
            };
        }
    }

    private static Sql only(Sql value) {
        return Sql.concat("(CASE WHEN COUNT(DISTINCT ", value, ") = 1 THEN MIN(", value, ") END)");
    }

    private static void arity(Call c, int min, int max) {
        int n = c.arguments().size();
        if (n < min || n > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw new ExpressionException(c.position(), c.name() + "() takes " + expected + " argument"
                    + (max == 1 ? "" : "s") + ", not " + n);
        }
    }

    /** A value usable anywhere: conditions become Qlik's -1 (true) and 0 (false). */
    static Sql value(Compiled c) {
        return c.type() == Type.BOOLEAN ? Sql.concat("(CASE WHEN ", c.sql(), " THEN -1 ELSE 0 END)") : c.sql();
    }

    private static Sql numeric(Compiled c, int position) {
        if (c.type() == Type.TEXT) {
            throw new ExpressionException(position, "text cannot be used in arithmetic; use a number or a numeric field");
        }
        if (c.type() == Type.DATE) {
            throw new ExpressionException(position, "a date cannot be used in this arithmetic; use Year(), Month() or Day()");
        }
        return value(c);
    }

    private static Sql condition(Compiled c, int position) {
        return switch (c.type()) {
            case BOOLEAN -> c.sql();
            case TEXT -> throw new ExpressionException(position, "text cannot be used as a condition; compare it with '='");
            default -> Sql.concat("(", c.sql(), " <> 0)");
        };
    }

    private static Sql date(Compiled c, int position) {
        if (c.type() == Type.DATE || c.type() == Type.ANY) {
            return c.sql();
        }
        if (c.type() == Type.TEXT) {
            return Sql.concat("TRY_CAST(", c.sql(), " AS DATE)");
        }
        throw new ExpressionException(position, "a date was expected");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
