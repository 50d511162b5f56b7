package org.qalyptus.plugins.connector.embedded.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.plugins.connector.embedded.expr.Sql;
import org.qalyptus.plugins.connector.embedded.manifest.ManifestReader;

/**
 * How a loaded app keeps its data and how a session runs its queries: the model table compressed (texts as
 * dictionaries), the source tables gone once the model is built, one thread for a model of one row group,
 * prepared statements reused by SQL text with
 * fresh values, and array parameters bound as lists of values.
 */
class ModelStorageTest {

    @TempDir
    Path folder;
    LoadedApp app;

    @BeforeEach
    void load() throws Exception {
        StringBuilder orders = new StringBuilder("id,region,revenue\n");
        for (int i = 0; i < 5_000; i++) {
            orders.append(i).append(',').append(i % 3 == 0 ? "North" : i % 3 == 1 ? "South" : "East").append(',').append(i % 100)
                    .append('\n');
        }
        Files.writeString(folder.resolve("orders.csv"), orders);
        Files.writeString(folder.resolve("regions.csv"), "region,manager\nNorth,Ann\nSouth,Bob\nEast,Cy\n");
        Files.writeString(folder.resolve("app.yaml"), """
                id: 0c6f1e2a-3b4d-4e5f-8a9b-7c6d5e4f3a2b
                name: Orders
                tables:
                  - name: orders
                    source: {csv: orders.csv}
                    fields:
                      - {name: id, type: integer}
                      - {name: region, type: text}
                      - {name: revenue, type: number}
                  - name: regions
                    source: {csv: regions.csv}
                    fields:
                      - {name: region, type: text}
                      - {name: manager, type: text}
                """);
        app = LoadedApp.load(ManifestReader.read(folder.resolve("app.yaml")), folder);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long count(Statements statements, Sql sql) throws SQLException {
        Statements.Rows<Long> first = rs -> rs.next() ? rs.getLong(1) : -1L;
        return statements.query(sql, first);
    }

    @Test
    void theModelIsCompressedAndTheSourceTablesAreDropped() throws Exception {
        try (Connection connection = app.connect()) {
            assertThat(strings(connection, "SELECT DISTINCT compression FROM pragma_storage_info('" + LoadedApp.MODEL
                    + "') WHERE segment_type = 'VARCHAR'")).isNotEmpty().doesNotContain("Uncompressed");
            assertThat(strings(connection, "SELECT table_name FROM duckdb_tables() ORDER BY 1")).containsExactly("model");
            assertThat(strings(connection, "SELECT manager FROM " + LoadedApp.MODEL + " WHERE id = 4")).containsExactly("Bob");
            // One row group: one thread (the caller's) runs each query.
            assertThat(strings(connection, "SELECT current_setting('threads')")).containsExactly("1");
        }
    }

    @Test
    void aStatementIsPreparedOnceAndRunsWithTheValuesOfEachCall() throws Exception {
        try (Statements statements = new Statements(app.connect())) {
            Map<String, Long> expected = Map.of("North", 1_667L, "South", 1_667L, "East", 1_666L, "West", 0L);
            for (String region : List.of("North", "South", "East", "West")) {
                Sql sql = Sql.concat("SELECT COUNT(*) FROM " + LoadedApp.MODEL + " WHERE region = ", Sql.param(region));
                assertThat(count(statements, sql)).as(region).isEqualTo(expected.get(region));
            }
            assertThat(statements.kept()).isEqualTo(1);
            Sql failing = Sql.concat("SELECT CAST(", Sql.param("not a number"), " AS INTEGER)");
            assertThatThrownBy(() -> count(statements, failing)).isInstanceOf(SQLException.class);
            assertThat(statements.kept()).as("a failed statement is closed, not kept").isEqualTo(1);
        }
    }

    @Test
    void anArrayParameterIsBoundAsAListOfValues() throws Exception {
        try (Statements statements = new Statements(app.connect())) {
            Sql sql = Sql.concat("SELECT COUNT(*) FROM " + LoadedApp.MODEL + " WHERE id IN (SELECT unnest(CAST(",
                    Sql.array("BIGINT", List.of(1L, 2L, 3L, 4_999L, 5_000L)), " AS BIGINT[])))");
            assertThat(count(statements, sql)).isEqualTo(4L);
            Sql texts = Sql.concat("SELECT COUNT(*) FROM " + LoadedApp.MODEL + " WHERE region IN (SELECT unnest(CAST(",
                    Sql.array("VARCHAR", List.of("South", "x'); DROP TABLE model; --")), " AS VARCHAR[])))");
            assertThat(count(statements, texts)).isEqualTo(1_667L);
        }
    }
}
