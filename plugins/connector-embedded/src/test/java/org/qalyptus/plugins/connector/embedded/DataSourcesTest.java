package org.qalyptus.plugins.connector.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * Apps whose tables come from a Parquet file and from a read-only JDBC query (here another DuckDB database
 * file, opened through its JDBC driver like any external database): the rows arrive, associate with the
 * other tables through shared fields, and a query that is not a SELECT is refused.
 */
class DataSourcesTest {

    static final String APP_ID = "0c6a7f3e-2b9d-4e1a-8f5c-3d2e1b0a9f87";

    @TempDir
    static Path apps;
    static Path database;

    @BeforeAll
    static void writeTheApp() throws Exception {
        Path app = Files.createDirectories(apps.resolve("sources"));
        database = apps.resolve("crm.duckdb");
        try (Connection crm = DriverManager.getConnection("jdbc:duckdb:" + database); Statement sql = crm.createStatement()) {
            sql.execute("CREATE TABLE customers (customer VARCHAR, region VARCHAR)");
            sql.execute("INSERT INTO customers VALUES ('c1', 'North'), ('c2', 'North'), ('c3', 'South')");
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            sql.execute("COPY (SELECT * FROM (VALUES ('c1', 10.5), ('c2', 20.0), ('c3', 7.25), ('c3', 2.75)) AS t(customer, revenue))"
                    + " TO '" + app.resolve("orders.parquet").toString().replace("'", "''") + "' (FORMAT PARQUET)");
        }
        Files.writeString(app.resolve("app.yaml"), """
                id: %s
                name: Sources
                tables:
                  - name: orders
                    source: {parquet: orders.parquet}
                    fields:
                      - {name: customer, type: text}
                      - {name: revenue, type: number, format: "0.00"}
                  - name: customers
                    source:
                      jdbc: {url: "jdbc:duckdb:%s", query: "SELECT customer, region FROM customers"}
                    fields:
                      - {name: customer, type: text}
                      - {name: region, type: text}
                """.formatted(APP_ID, database.toString().replace("\\", "/")));
    }

    static AppSession open(Path folder) {
        EmbeddedConnector connector = new EmbeddedConnector();
        Config config = Config.bind(connector.configFields(), Map.of(EmbeddedConnector.APPS_FOLDER, folder.toString()));
        return connector.open(config, APP_ID);
    }

    @Test
    void parquetAndJdbcTablesLoadAndAssociate() {
        try (AppSession session = open(apps.resolve("sources"))) {
            assertThat(session.evaluate("Sum(revenue)", SelectionState.EMPTY).number()).isEqualTo(40.5);
            SelectionState north = new SelectionState(Map.of("region", List.of("North")), Map.of(), null);
            assertThat(session.evaluate("Sum(revenue)", north).number()).isEqualTo(30.5);
            SelectionState south = new SelectionState(Map.of("region", List.of("South")), Map.of(), null);
            assertThat(session.evaluate("Count(customer)", south).number()).isEqualTo(2.0);
        }
    }

    @Test
    void aSelectSmugglingAWriteCannotChangeTheSourceDatabase() throws Exception {
        Path app = Files.createDirectories(apps.resolve("smuggler"));
        Files.writeString(app.resolve("app.yaml"), """
                id: %s
                name: Smuggler
                tables:
                  - name: customers
                    source:
                      jdbc: {url: "jdbc:duckdb:%s", query: "SELECT customer FROM customers; DELETE FROM customers"}
                    fields:
                      - {name: customer, type: text}
                """.formatted(APP_ID, database.toString().replace("\\", "/")));

        try {
            open(app).close();
        } catch (ExtensionException refused) {
            // refused by the source database: fine, what matters is below
        }
        try (Connection crm = DriverManager.getConnection("jdbc:duckdb:" + database); Statement sql = crm.createStatement();
                var rows = sql.executeQuery("SELECT count(*) FROM customers")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void aJdbcSourceThatIsNotASelectIsRefusedBeforeAnythingRuns() throws Exception {
        Path app = Files.createDirectories(apps.resolve("writer"));
        Files.writeString(app.resolve("app.yaml"), """
                id: %s
                name: Writer
                tables:
                  - name: customers
                    source:
                      jdbc: {url: "jdbc:duckdb:%s", query: "DELETE FROM customers"}
                    fields:
                      - {name: customer, type: text}
                """.formatted(APP_ID, database.toString().replace("\\", "/")));

        assertThatThrownBy(() -> open(app).close()).isInstanceOf(ExtensionException.class).hasMessageContaining("SELECT");
        try (Connection crm = DriverManager.getConnection("jdbc:duckdb:" + database); Statement sql = crm.createStatement();
                var rows = sql.executeQuery("SELECT count(*) FROM customers")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }
}
