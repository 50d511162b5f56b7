package org.qalyptus.plugins.connector.embedded.engine;

import org.qalyptus.plugins.connector.embedded.expr.ExpressionCompiler.Compiled;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionCompiler.Type;
import org.qalyptus.plugins.connector.embedded.expr.Sql;

/** Measure values as result columns: conditions become Qlik's -1 and 0. */
final class ObjectQueryValues {

    private ObjectQueryValues() {}

    static Sql value(Compiled c) {
        return c.type() == Type.BOOLEAN ? Sql.concat("(CASE WHEN ", c.sql(), " THEN -1 ELSE 0 END)") : c.sql();
    }
}
