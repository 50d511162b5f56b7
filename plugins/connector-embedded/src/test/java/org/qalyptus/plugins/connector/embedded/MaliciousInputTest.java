package org.qalyptus.plugins.connector.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * Quotes, statement separators, comments, UNION and very long input in expressions, selected values,
 * variable values and names are errors or plain values, never SQL: after each, the data is intact and
 * the numbers unchanged.
 */
class MaliciousInputTest {

    @TempDir
    static java.nio.file.Path apps;

    static AppSession session;
    static double totalRevenue;

    @BeforeAll
    static void open() {
        EmbeddedConnector connector = new EmbeddedConnector();
        Config config = Config.bind(connector.configFields(), connector.demoSettings(apps).orElseThrow());
        session = connector.open(config, SalesDemoTest.DEMO_ID);
        totalRevenue = DemoData.read(apps.resolve("sales-demo")).revenue(s -> true);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static void dataIsIntact() {
        assertThat(session.evaluate("Sum(revenue)", SelectionState.EMPTY).number()).isCloseTo(totalRevenue, within(0.01));
        assertThat(session.evaluate("Count(customer)", SelectionState.EMPTY).number()).isEqualTo(100_000.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sum(revenue); DROP TABLE model",
        "Sum(revenue) -- comment",
        "Sum(revenue) /* x */",
        "Sum(revenue) UNION SELECT 1",
        "Sum(revenue)) FROM model; DELETE FROM model; SELECT (1",
        "Sum(\"revenue\"\") FROM model; --\")",
        "Sum([revenue]) FROM model UNION ALL SELECT 42 --",
        "Sum(revenue) FROM model WHERE 1=1",
        "\"revenue; DROP TABLE model\"",
        "Sum(\"x\"\" OR 1=1 --\")",
        "read_csv('/etc/passwd')",
        "Sum(revenue) + $(vCurrency); DROP TABLE model",
    })
    void injectedSqlInExpressionsIsAnExpressionError(String expression) {
        assertThatThrownBy(() -> session.evaluate(expression, SelectionState.EMPTY)).isInstanceOf(ExtensionException.class)
                .hasMessageContaining("position");
        dataIsIntact();
    }

    @Test
    void sqlInTextLiteralsIsPlainText() {
        assertThat(session.evaluate("'a'' OR 1=1; DROP TABLE model; --'", SelectionState.EMPTY).text())
                .isEqualTo("a' OR 1=1; DROP TABLE model; --");
        assertThat(session.evaluate("Len('x'' UNION SELECT password FROM users --')", SelectionState.EMPTY).number())
                .isEqualTo(38.0);
        dataIsIntact();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe' OR '1'='1", "'; DROP TABLE model; --", "Europe\" OR 1=1 --", "x') UNION SELECT 1 --",
        "Europe;", "1 OR 1=1"})
    void injectedSqlInSelectedValuesMatchesNothing(String value) {
        SelectionState state = new SelectionState(Map.of("region", List.of(value)), Map.of(), null);
        assertThat(session.evaluate("Sum(revenue)", state).number()).isEqualTo(0.0);
        SelectionState numeric = new SelectionState(Map.of("units", List.of(value)), Map.of(), null);
        assertThat(session.evaluate("Sum(revenue)", numeric).number()).isEqualTo(0.0);
        SelectionState date = new SelectionState(Map.of("month", List.of(value)), Map.of(), null);
        assertThat(session.evaluate("Sum(revenue)", date).number()).isEqualTo(0.0);
        assertThat(session.fieldValues("region", SelectionState.EMPTY, new ValueQuery(value, 0, 10)).values()).isEmpty();
        dataIsIntact();
    }

    @Test
    void injectedSqlInALongSelectionIsPlainValues() {
        // Above 16 values a selection is bound as one array parameter: its values stay values.
        List<String> values = new java.util.ArrayList<>(List.of("Europe' OR '1'='1", "'; DROP TABLE model; --", "Europe\" OR 1=1 --",
                "x') UNION SELECT 1 --", "Europe;", "1 OR 1=1", "]) FROM model; --", "{Europe}", "ARRAY['Europe']", "NULL",
                "Europe'::VARCHAR[]", "'", "\"", "\\", "--", "/*", "*/", ")))"));
        values.add("Europe");
        SelectionState state = new SelectionState(Map.of("region", values), Map.of(), null);
        assertThat(session.evaluate("Sum(revenue)", state).number())
                .isCloseTo(session.evaluate("Sum(revenue)", new SelectionState(Map.of("region", List.of("Europe")), Map.of(), null))
                        .number(), within(0.01));
        SelectionState numeric = new SelectionState(Map.of("units", values), Map.of(), null);
        assertThat(session.evaluate("Sum(revenue)", numeric).number()).isEqualTo(0.0);
        SelectionState date = new SelectionState(Map.of("month", values), Map.of(), null);
        assertThat(session.evaluate("Sum(revenue)", date).number()).isEqualTo(0.0);
        dataIsIntact();
    }

    @Test
    void injectedSqlInVariableValuesIsAnExpressionError() {
        SelectionState state = new SelectionState(Map.of(), Map.of("vTargetMargin", "0; DROP TABLE model; --"), null);
        assertThatThrownBy(() -> session.objectData("kpi-margin", state, new DataPage(0, 1)))
                .isInstanceOf(ExtensionException.class).hasMessageContaining("position");
        SelectionState union = new SelectionState(Map.of(), Map.of("vTargetMargin", "0 UNION SELECT 1"), null);
        assertThatThrownBy(() -> session.evaluate("$(vTargetMargin)", union)).isInstanceOf(ExtensionException.class);
        dataIsIntact();
    }

    @Test
    void injectedSqlInNamesIsUnknown() {
        SelectionState field = new SelectionState(Map.of("region\" = region OR 1=1 --", List.of("x")), Map.of(), null);
        assertThatThrownBy(() -> session.evaluate("Sum(revenue)", field)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> session.fieldValues("region\"; DROP TABLE model; --", SelectionState.EMPTY,
                new ValueQuery(null, 0, 10))).hasMessageContaining("does not exist");
        SelectionState variable = new SelectionState(Map.of(), Map.of("v'; DROP TABLE model", "1"), null);
        assertThatThrownBy(() -> session.evaluate("1", variable)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> session.evaluate("$(v; DROP TABLE model)", SelectionState.EMPTY)).hasMessageContaining("position");
        assertThatThrownBy(() -> session.objectData("x' OR 1=1", SelectionState.EMPTY, new DataPage(0, 1)))
                .hasMessageContaining("does not exist");
        dataIsIntact();
    }

    @Test
    void veryLongInputIsRefusedOrPlain() {
        String longExpression = "Sum(revenue)" + " + 1".repeat(5_000);
        assertThatThrownBy(() -> session.evaluate(longExpression, SelectionState.EMPTY))
                .hasMessageContaining("longer than 10000 characters");
        String deep = "(".repeat(1_000) + "1" + ")".repeat(1_000);
        assertThatThrownBy(() -> session.evaluate(deep, SelectionState.EMPTY)).hasMessageContaining("nested more than");
        String longValue = "Europe' OR 1=1 --".repeat(10_000);
        SelectionState state = new SelectionState(Map.of("region", List.of(longValue)), Map.of(), null);
        assertThat(session.evaluate("Sum(revenue)", state).number()).isEqualTo(0.0);
        SelectionState selfReferring = new SelectionState(Map.of(), Map.of("vCurrency", "=$(vCurrency)"), null);
        assertThatThrownBy(() -> session.evaluate("$(vCurrency)", selfReferring)).hasMessageContaining("refers to itself");
        dataIsIntact();
    }
}
