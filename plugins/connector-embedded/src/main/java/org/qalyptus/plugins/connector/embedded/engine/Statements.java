package org.qalyptus.plugins.connector.embedded.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.plugins.connector.embedded.expr.Sql;

/**
 * A session's connection with its prepared statements kept by SQL text. An object's query is the same text
 * for every selection state, page and iteration value list (the values are parameters), and preparing it
 * (parsing, binding, planning grouping sets and windows) is a good part of what a small app's query costs, so
 * a report that asks again pays only the execution. A statement is taken out of the pool while it runs, so
 * two callers never share one; a statement whose execution failed is closed rather than kept. Bounded: the
 * least recently used statement is closed first.
 */
final class Statements implements AutoCloseable {

    static final int MAX_KEPT = 64;

    interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    Statements(Connection connection) {
        this.connection = connection;
    }

    <T> T query(Sql sql, Rows<T> reader) throws SQLException {
        PreparedStatement st = take(sql.text());
        boolean reusable = false;
        try {
            int i = 1;
            for (Object param : sql.params()) {
                st.setObject(i++, param instanceof Sql.ArrayParam array
                        ? connection.createArrayOf(array.elementType(), array.values().toArray()) : param);
            }
            T result;
            try (ResultSet rs = st.executeQuery()) {
                result = reader.read(rs);
            }
            reusable = true;
            return result;
        } finally {
            if (reusable) {
                giveBack(sql.text(), st);
            } else {
                closeQuietly(st);
            }
        }
    }

    private PreparedStatement take(String text) throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new SQLException("The session is closed");
            }
            PreparedStatement kept = idle.remove(text);
            if (kept != null) {
                return kept;
            }
        }
        return connection.prepareStatement(text);
    }

    private void giveBack(String text, PreparedStatement st) {
        List<PreparedStatement> evicted = new ArrayList<>();
        synchronized (this) {
            if (!closed) {
                PreparedStatement other = idle.put(text, st);
                if (other != null) {
                    evicted.add(other);
                }
                Iterator<Map.Entry<String, PreparedStatement>> eldest = idle.entrySet().iterator();
                while (idle.size() > MAX_KEPT && eldest.hasNext()) {
                    evicted.add(eldest.next().getValue());
                    eldest.remove();
                }
            } else {
                evicted.add(st);
            }
        }
        evicted.forEach(Statements::closeQuietly);
    }

    /** Statements kept for reuse: for tests. */
    synchronized int kept() {
        return idle.size();
    }

    @Override
    public void close() {
        List<PreparedStatement> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(idle.values());
            idle.clear();
        }
        open.forEach(Statements::closeQuietly);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort
        }
    }

    private static void closeQuietly(PreparedStatement st) {
        try {
            st.close();
        } catch (SQLException ignored) {
            // closing is best effort
        }
    }
}
