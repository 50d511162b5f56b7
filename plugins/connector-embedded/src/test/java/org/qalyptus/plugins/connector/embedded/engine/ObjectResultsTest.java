package org.qalyptus.plugins.connector.embedded.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.plugins.connector.embedded.EmbeddedConnector;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * The result cache answers the same object page again only while the app's data is unchanged, keeps answers
 * apart per selection state, page and formats, and is off when the connection says so.
 */
class ObjectResultsTest {

    static final String APP_ID = "5b7e3c1a-9d2f-4a6e-8c0b-1f3e5d7a9c2b";

    @TempDir
    Path apps;
    Path folder;

    @BeforeEach
    void writeTheApp() throws Exception {
        folder = Files.createDirectories(apps.resolve("orders"));
        Files.writeString(folder.resolve("orders.csv"), "region,revenue\nNorth,10\nNorth,5\nSouth,7\n");
        Files.writeString(folder.resolve("app.yaml"), """
                id: %s
                name: Orders
                tables:
                  - name: orders
                    source: {csv: orders.csv}
                    fields:
                      - {name: region, type: text}
                      - {name: revenue, type: number, format: "0.00"}
                sheets:
                  - id: sheet
                    title: Sheet
                    objects:
                      - id: by-region
                        type: table
                        title: By region
                        dimensions: [{field: region, label: Region}]
                        measures: [{expression: "Sum(revenue)", label: Revenue, format: "0.00"}]
                """.formatted(APP_ID));
    }

    /** One connector, as the server holds one per plugin: it keeps the loaded apps and their results. */
    private final EmbeddedConnector connector = new EmbeddedConnector();

    private AppSession open(boolean resultCache) {
        Config config = Config.bind(connector.configFields(),
                Map.of(EmbeddedConnector.APPS_FOLDER, apps.toString(), EmbeddedConnector.RESULT_CACHE, resultCache));
        return connector.open(config, APP_ID);
    }

    private static List<String> texts(ObjectData data) {
        return data.rows().stream().map(row -> row.stream().map(Cell::text).reduce((a, b) -> a + "=" + b).orElse("")).toList();
    }

    @Test
    void theSamePageIsAnsweredFromTheCacheAcrossSessionsOfTheSameData() {
        SelectionState north = new SelectionState(Map.of("region", List.of("North")), Map.of(), null);
        ObjectData first;
        try (AppSession session = open(true)) {
            first = session.objectData("by-region", north, new DataPage(0, 100));
        }
        try (AppSession session = open(true)) {
            ObjectData again = session.objectData("by-region", north, new DataPage(0, 100));
            assertThat(again).isSameAs(first);
            assertThat(texts(again)).containsExactly("North=15.00");
            assertThat(texts(session.objectData("by-region", SelectionState.EMPTY, new DataPage(0, 100))))
                    .as("another selection state").containsExactly("North=15.00", "South=7.00");
            assertThat(texts(session.objectData("by-region", north,
                    new DataPage(0, 100, new org.qalyptus.spi.app.AppModel.FormatOptions(",", ".")))))
                    .as("other separators").containsExactly("North=15,00");
        }
    }

    @Test
    void changedDataIsNeverAnsweredFromTheCache() throws Exception {
        try (AppSession session = open(true)) {
            assertThat(texts(session.objectData("by-region", SelectionState.EMPTY, new DataPage(0, 100))))
                    .containsExactly("North=15.00", "South=7.00");
        }
        Path csv = folder.resolve("orders.csv");
        Files.writeString(csv, "region,revenue\nNorth,10\nNorth,5\nSouth,7\nSouth,100\n");
        Files.setLastModifiedTime(csv, FileTime.from(Instant.now().plusSeconds(5)));
        try (AppSession session = open(true)) {
            assertThat(texts(session.objectData("by-region", SelectionState.EMPTY, new DataPage(0, 100))))
                    .containsExactly("North=15.00", "South=107.00");
        }
    }

    @Test
    void withTheCacheOffEveryPageIsComputed() {
        try (AppSession session = open(false)) {
            ObjectData first = session.objectData("by-region", SelectionState.EMPTY, new DataPage(0, 100));
            ObjectData second = session.objectData("by-region", SelectionState.EMPTY, new DataPage(0, 100));
            assertThat(second).isNotSameAs(first).isEqualTo(first);
        }
    }

    @Test
    void theCacheKeepsAtMostItsBudgetLeastRecentlyUsedFirstOut() {
        ObjectResults results = new ObjectResults(100);
        ObjectData page = new ObjectData(List.of(), List.of(List.of(new Cell("a", null), new Cell("b", null))), List.of(), 1);
        for (int i = 0; i < 50; i++) {
            results.put(ObjectResults.key("o" + i, SelectionState.EMPTY, new DataPage(0, 10)), page);
        }
        assertThat(results.statistics()[1]).isLessThanOrEqualTo(100);
        assertThat(results.get(ObjectResults.key("o49", SelectionState.EMPTY, new DataPage(0, 10)))).isSameAs(page);
        assertThat(results.get(ObjectResults.key("o0", SelectionState.EMPTY, new DataPage(0, 10)))).isNull();

        ObjectData large = new ObjectData(List.of(), java.util.Collections.nCopies(20, List.of(new Cell("x", null))), List.of(), 20);
        results.put(ObjectResults.key("large", SelectionState.EMPTY, new DataPage(0, 10)), large);
        assertThat(results.get(ObjectResults.key("large", SelectionState.EMPTY, new DataPage(0, 10))))
                .as("a page over a tenth of the budget is not kept").isNull();
    }
}
