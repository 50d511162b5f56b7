package org.qalyptus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;

/**
 * Iteration (combinations of iteration field values, each document under its values) and dynamic names, against the
 * embedded engine's Sales demo app; {@link IterationRenderingOnQlikTest} runs the same tests on the Qlik Sense
 * connector to the Engine API simulator holding the same app.
 */
class IterationRenderingTest {

    static final Instant NOW = GoldenRenderingTest.NOW;

    static AppSession session;
    static ReportRenderer renderer = new ReportRenderer(RenderLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void open() {
        session = Demo.open();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static SelectionState select(String field, String... values) {
        return new SelectionState(Map.of(field, List.of(values)), Map.of(), null);
    }

    static ReportTemplate salesByRegion() {
        return ReportTemplate.html("demo-html", "Sales by region", DemoTemplates.salesByRegionHtml(), AssetResolver.NONE);
    }

    static byte[] render(ReportTemplate template, SelectionState state, IterationValues iteration, String format,
            RenderOptions options) {
        return renderer.renderToBytes(template, session, state, iteration, GoldenRenderingTest.format(format), options);
    }

    static String money(java.math.BigDecimal value) {
        return DemoSums.money(value);
    }

    @Test
    void iterationGivesEveryCombinationAndEachDocumentShowsItsValues() {
        List<IterationValues> regions = Iterations.combinations(session, SelectionState.EMPTY, List.of("region"), 1000);
        assertThat(regions).extracting(v -> v.values().get("region"))
                .containsExactly("Asia Pacific", "Europe", "Latin America", "North America");
        List<IterationValues> both = Iterations.combinations(session, SelectionState.EMPTY, List.of("region", "category"), 1000);
        assertThat(both).hasSize(16);
        assertThat(both.get(5).values()).containsExactly(Map.entry("region", "Europe"), Map.entry("category", "Bikes"));
        // A selection in an iteration field restricts it to the selected values.
        assertThat(Iterations.combinations(session, select("region", "Europe", "Asia Pacific"), List.of("region"), 1000))
                .hasSize(2);
        assertThatThrownBy(() -> Iterations.combinations(session, SelectionState.EMPTY, List.of("region", "category"), 10))
                .isInstanceOf(RenderException.class).hasMessageContaining("more than 10");

        IterationValues europeBikes = both.get(5);
        String text = Pdfs.text(render(salesByRegion(), SelectionState.EMPTY, europeBikes, "Pdf", RenderOptions.defaults()));
        assertThat(text).contains("Sales by region · Sales demo · Europe / Bikes");
        assertThat(text).contains("Totals " + money(DemoSums.revenue(s -> s.region().equals("Europe") && s.category().equals("Bikes"))));
    }

    @Test
    void dynamicNamesJoinTheirPartsAndAreSafeFileNames() {
        DynamicName name = new DynamicName(List.of(new DynamicName.Text("Sales"), new DynamicName.FieldValue("region"),
                new DynamicName.Variable("vCurrency"), new DynamicName.Date("yyyy-MM-dd")), " - ");
        ZonedDateTime now = NOW.atZone(ZoneOffset.UTC);
        assertThat(name.resolve(session, SelectionState.EMPTY, IterationValues.of("region", "Europe"), now, Locale.ROOT, "x"))
                .isEqualTo("Sales - Europe - EUR - 2025-03-14");
        assertThat(name.resolve(session, select("region", "Europe", "Asia Pacific"), IterationValues.NONE, now, Locale.ROOT, "x"))
                .isEqualTo("Sales - Europe+Asia Pacific - EUR - 2025-03-14");
        DynamicName unsafe = new DynamicName(List.of(new DynamicName.Text("../a:b*c?\"d<e>f|g\\h/")), "_");
        assertThat(unsafe.resolve(session, SelectionState.EMPTY, IterationValues.NONE, now, Locale.ROOT, "x"))
                .isEqualTo("_a_b_c__d_e_f_g_h_");
        assertThat(DynamicName.safeFileName("CON")).isEqualTo("_CON");
        assertThat(DynamicName.safeFileName(" .. ")).isEqualTo("report");
        assertThat(DynamicName.safeFileName("x".repeat(500))).hasSize(200);
    }
}
