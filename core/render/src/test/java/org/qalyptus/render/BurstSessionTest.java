package org.qalyptus.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.RenderOptions;

/**
 * A burst session answers each value's object pages from one grouped evaluation, with exactly the pages the
 * session gives value by value, and leaves every other request to the session.
 */
class BurstSessionTest {

    static AppSession session;
    static final SelectionState BIKES = new SelectionState(Map.of("category", List.of("Bikes")), Map.of(), null);
    static List<String> regions;

    @BeforeAll
    static void open() {
        session = Demo.openWithoutResultCache();
        regions = session.fieldValues("region", SelectionState.EMPTY, new org.qalyptus.spi.app.AppModel.ValueQuery(null, 0, 100))
                .values().stream().map(v -> v.text()).toList();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    /** Counts what reaches the real session. */
    static final class Counting extends ForwardingSession {
        final AtomicInteger single = new AtomicInteger();
        final AtomicInteger grouped = new AtomicInteger();

        Counting(AppSession session) {
            super(session);
        }

        @Override
        public ObjectData objectData(String objectId, SelectionState state, DataPage page) {
            single.incrementAndGet();
            return super.objectData(objectId, state, page);
        }

        @Override
        public Map<String, ObjectData> objectDataPerValue(String objectId, SelectionState state, String field,
                List<String> values, DataPage page) {
            grouped.incrementAndGet();
            return super.objectDataPerValue(objectId, state, field, values, page);
        }
    }

    @Test
    void eachValuesPagesComeFromOneGroupedEvaluationAndEqualTheSessionsOwn() {
        Counting counting = new Counting(session);
        BurstSession burst = new BurstSession(counting, BIKES, "region", regions);
        DataPage page = new DataPage(0, 1_000);
        for (String object : List.of("table-region-product", "kpi-revenue")) {
            for (String region : regions) {
                SelectionState state = IterationValues.of("region", region).applyTo(BIKES);
                assertThat(burst.objectData(object, state, page)).as(object + " " + region)
                        .isEqualTo(session.objectData(object, state, page));
            }
        }
        assertThat(regions).hasSizeGreaterThan(2);
        assertThat(counting.grouped.get()).as("one grouped evaluation per object and page").isEqualTo(2);
        assertThat(counting.single.get()).as("no value read alone").isZero();
    }

    @Test
    void otherStatesAndRepeatedPagesGoToTheSession() {
        Counting counting = new Counting(session);
        BurstSession burst = new BurstSession(counting, BIKES, "region", regions);
        DataPage page = new DataPage(0, 1_000);
        SelectionState first = IterationValues.of("region", regions.get(0)).applyTo(BIKES);
        burst.objectData("kpi-revenue", first, page);
        assertThat(burst.objectData("kpi-revenue", first, page)).as("a page handed out twice")
                .isEqualTo(session.objectData("kpi-revenue", first, page));
        burst.objectData("kpi-revenue", BIKES, page);
        burst.objectData("kpi-revenue", IterationValues.of("region", "Atlantis").applyTo(BIKES), page);
        burst.objectData("kpi-revenue", IterationValues.of("region", regions.get(1)).applyTo(SelectionState.EMPTY), page);
        assertThat(counting.grouped.get()).isEqualTo(1);
        assertThat(counting.single.get()).as("repeat, base state, unknown value, other base").isEqualTo(4);
    }

    @Test
    void aBurstRenderedThroughItFillsTheSameDocuments() {
        ReportRenderer renderer = new ReportRenderer();
        ReportTemplate template = ReportTemplate.html("burst", "Burst", RenderBenchmark.S_TEMPLATE, AssetResolver.NONE);
        RenderOptions options = new RenderOptions(null, null, 90, '.', ',', ',', Locale.ROOT, null, 512L << 20);
        BurstSession burst = new BurstSession(session, BIKES, "region", regions);
        List<String> direct = new ArrayList<>();
        List<String> grouped = new ArrayList<>();
        for (String region : regions) {
            IterationValues iteration = IterationValues.of("region", region);
            direct.add(new String(renderer.fill(template, session, BIKES, iteration, options).content(), StandardCharsets.UTF_8));
            grouped.add(new String(renderer.fill(template, burst, BIKES, iteration, options).content(), StandardCharsets.UTF_8));
        }
        assertThat(grouped).isEqualTo(direct);
        assertThat(direct.get(0)).contains(regions.get(0));
    }
}
