package org.qalyptus.plugins.connector.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.plugins.connector.embedded.DemoData.Sale;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/** The bundled demo app through the SPI, checked against sums computed from its CSV files in plain Java. */
class SalesDemoTest {

    static final String DEMO_ID = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";

    @TempDir
    static Path apps;

    static EmbeddedConnector connector;
    static Config config;
    static AppSession session;
    static DemoData data;

    @BeforeAll
    static void openDemo() {
        connector = new EmbeddedConnector();
        Map<String, Object> settings = connector.demoSettings(apps).orElseThrow();
        config = Config.bind(connector.configFields(), settings);
        session = connector.open(config, DEMO_ID);
        data = DemoData.read(apps.resolve("sales-demo"));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static SelectionState select(Object... fieldAndValues) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldAndValues.length; i += 2) {
            Object values = fieldAndValues[i + 1];
            fields.put((String) fieldAndValues[i], values instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(values)));
        }
        return new SelectionState(fields, Map.of(), null);
    }

    static double kpiRevenue(SelectionState state) {
        return session.objectData("kpi-revenue", state, new DataPage(0, 10)).rows().get(0).get(0).number();
    }

    @Test
    void theDemoHasOneHundredThousandSalesOverTwentyFourMonths() {
        assertThat(data.sales()).hasSize(100_000);
        assertThat(data.sales().stream().map(Sale::month).distinct().count()).isEqualTo(24);
        List<AppInfo> apps = connector.listApps(config);
        assertThat(apps).singleElement().satisfies(app -> {
            assertThat(app.id()).isEqualTo(DEMO_ID);
            assertThat(app.name()).isEqualTo("Sales demo");
            assertThat(app.lastReloadTime()).isNotNull();
        });
        assertThat(connector.test(config).ok()).isTrue();
        assertThat(session.fields()).extracting(f -> f.name()).contains("region", "country", "city", "product", "category",
                "month", "units", "revenue", "cost", "customer", "email");
        assertThat(session.fields()).filteredOn(f -> f.name().equals("month")).singleElement()
                .satisfies(f -> assertThat(f.cardinality()).isEqualTo(24));
    }

    @Test
    void revenueMatchesPlainJavaSumsUnderSeveralSelections() {
        assertThat(kpiRevenue(SelectionState.EMPTY)).isCloseTo(data.revenue(s -> true), within(0.01));
        assertThat(kpiRevenue(select("region", "Europe"))).isCloseTo(data.revenue(s -> s.region().equals("Europe")), within(0.01));
        assertThat(kpiRevenue(select("region", "Europe", "month", "2024-03")))
                .isCloseTo(data.revenue(s -> s.region().equals("Europe") && s.month().equals("2024-03")), within(0.01));
        assertThat(kpiRevenue(select("category", List.of("Bikes", "Clothing"), "country", "Japan")))
                .isCloseTo(data.revenue(s -> Set.of("Bikes", "Clothing").contains(s.category()) && s.country().equals("Japan")),
                        within(0.01));
        // A selection in the customers table filters the sales table through the shared customer field.
        assertThat(kpiRevenue(select("email", "customer0042@example.com")))
                .isCloseTo(data.revenue(s -> s.email().equals("customer0042@example.com")), within(0.01));
        // Dates can be selected as shown (YYYY-MM) or in ISO form.
        assertThat(kpiRevenue(select("month", "2023-07-01"))).isCloseTo(data.revenue(s -> s.month().equals("2023-07")), within(0.01));
    }

    @Test
    void marginKpiAndEvaluateAgreeWithPlainJava() {
        Predicate<Sale> usa = s -> s.country().equals("United States");
        double revenue = data.revenue(usa);
        double margin = (revenue - data.cost(usa)) / revenue;
        ObjectData kpi = session.objectData("kpi-margin", select("country", "United States"), new DataPage(0, 1));
        assertThat(kpi.rows().get(0).get(0).number()).isCloseTo(margin, within(1e-9));
        assertThat(kpi.rows().get(0).get(0).text()).endsWith("%");
        EvaluatedValue customers = session.evaluate("=Count(DISTINCT customer)", select("country", "United States"));
        assertThat(customers.number()).isEqualTo((double) data.distinctCustomers(usa));
        EvaluatedValue units = session.evaluate("Sum(units) / 2", select("product", "Helmet"));
        assertThat(units.number()).isEqualTo(data.units(s -> s.product().equals("Helmet")) / 2.0);
        EvaluatedValue ifText = session.evaluate("If(Sum(units) > 0, 'sold' & ' ' & Upper(Only(region)), 'none')",
                select("region", "Asia Pacific"));
        assertThat(ifText.text()).isEqualTo("sold ASIA PACIFIC");
        assertThat(session.evaluate("Only(region)", select("country", "France")).text()).isEqualTo("Europe");
        assertThat(session.evaluate("Year(Max(month)) * 100 + Month(Max(month))", SelectionState.EMPTY).number()).isEqualTo(202412.0);
    }

    @Test
    void tableByRegionAndProductHasSubtotalsAndTotalsMatchingPlainJava() {
        ObjectData table = session.objectData("table-region-product", SelectionState.EMPTY, new DataPage(0, 1000));
        assertThat(table.columns()).extracting(c -> c.name())
                .containsExactly("Region", "Product", "Revenue (EUR)", "Units", "Margin %");
        Map<String, Double> byRegion = data.sales().stream().collect(Collectors.groupingBy(Sale::region,
                Collectors.summingDouble(s -> s.revenue().doubleValue())));
        // 4 regions x 12 products + 4 subtotal rows.
        assertThat(table.totalRows()).isEqualTo(52);
        assertThat(table.rows()).hasSize(52);
        assertThat(table.subtotalRows()).hasSize(4);
        String region = null;
        for (int i = 0; i < table.rows().size(); i++) {
            List<Cell> row = table.rows().get(i);
            if (table.subtotalRows().contains(i)) {
                assertThat(row.get(1).text()).isEmpty();
                assertThat(row.get(0).text()).isEqualTo(region);
                assertThat(row.get(2).number()).isCloseTo(byRegion.get(region), within(0.01));
            } else {
                region = row.get(0).text();
                String r = region;
                String product = row.get(1).text();
                assertThat(row.get(2).number()).isCloseTo(data.revenue(s -> s.region().equals(r) && s.product().equals(product)),
                        within(0.01));
                assertThat(row.get(3).number()).isEqualTo((double) data.units(s -> s.region().equals(r) && s.product().equals(product)));
            }
        }
        assertThat(table.rows().get(0).get(0).text()).isEqualTo("Asia Pacific");
        assertThat(table.totals().get(0).text()).isEqualTo("Totals");
        assertThat(table.totals().get(2).number()).isCloseTo(data.revenue(s -> true), within(0.01));

        ObjectData page = session.objectData("table-region-product", SelectionState.EMPTY, new DataPage(10, 5));
        assertThat(page.rows()).hasSize(5).isEqualTo(table.rows().subList(10, 15));
        assertThat(page.totalRows()).isEqualTo(52);
        assertThat(page.subtotalRows()).containsExactly(2);
        ObjectData beyond = session.objectData("table-region-product", SelectionState.EMPTY, new DataPage(500, 5));
        assertThat(beyond.rows()).isEmpty();
        assertThat(beyond.totalRows()).isEqualTo(52);
    }

    @Test
    void formatsFollowTheSeparatorOptions() {
        ObjectData table = session.objectData("table-region-product", select("region", "Europe", "product", "Road Bike"),
                new DataPage(0, 10, new FormatOptions(",", ".")));
        double revenue = data.revenue(s -> s.region().equals("Europe") && s.product().equals("Road Bike"));
        Cell cell = table.rows().get(0).get(2);
        assertThat(cell.number()).isCloseTo(revenue, within(0.01));
        String expected = new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(cell.number()).replace(',', '_').replace('.', ',').replace('_', '.');
        assertThat(cell.text()).isEqualTo(expected);
        ObjectData noGrouping = session.objectData("table-region-product", select("region", "Europe", "product", "Road Bike"),
                new DataPage(0, 10, new FormatOptions(".", "")));
        assertThat(noGrouping.rows().get(0).get(2).text()).doesNotContain(",").contains(".");
    }

    @Test
    void sortingByAMeasureDescending() {
        ObjectData customers = session.objectData("table-top-customers", select("city", "Paris"), new DataPage(0, 3));
        Map<String, Double> byCustomer = data.sales().stream().filter(s -> s.city().equals("Paris"))
                .collect(Collectors.groupingBy(Sale::customer, Collectors.summingDouble(s -> s.revenue().doubleValue())));
        List<Map.Entry<String, Double>> top = byCustomer.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3).toList();
        assertThat(customers.rows()).extracting(r -> r.get(0).text()).containsExactlyElementsOf(top.stream().map(Map.Entry::getKey).toList());
        assertThat(customers.totalRows()).isEqualTo(byCustomer.size());
        assertThat(customers.rows().get(0).get(1).text()).isEqualTo(
                data.sales().stream().filter(s -> s.customer().equals(top.get(0).getKey())).findFirst().orElseThrow().email());
    }

    @Test
    void bookmarksApplyTheirSelectionsAndVariablesAndStateSelectionsGoOnTop() {
        SelectionState europeBikes = new SelectionState(Map.of(), Map.of(), "bm-europe-bikes");
        assertThat(kpiRevenue(europeBikes))
                .isCloseTo(data.revenue(s -> s.region().equals("Europe") && s.category().equals("Bikes")), within(0.01));
        SelectionState europeClothing = new SelectionState(Map.of("category", List.of("Clothing")), Map.of(), "bm-europe-bikes");
        assertThat(kpiRevenue(europeClothing))
                .isCloseTo(data.revenue(s -> s.region().equals("Europe") && s.category().equals("Clothing")), within(0.01));
        SelectionState allCategories = new SelectionState(Map.of("category", List.of()), Map.of(), "bm-europe-bikes");
        assertThat(kpiRevenue(allCategories)).isCloseTo(data.revenue(s -> s.region().equals("Europe")), within(0.01));

        SelectionState firstHalf = new SelectionState(Map.of(), Map.of(), "bm-2024-h1");
        assertThat(kpiRevenue(firstHalf)).isCloseTo(data.revenue(s -> s.month().compareTo("2024-01") >= 0
                && s.month().compareTo("2024-06") <= 0), within(0.01));
        assertThat(session.variables(firstHalf)).filteredOn(v -> v.name().equals("vTargetMargin")).singleElement()
                .satisfies(v -> assertThat(v.value()).isEqualTo("0.35"));
        assertThat(session.bookmarkSelections("bm-europe-bikes").fields())
                .isEqualTo(Map.of("region", List.of("Europe"), "category", List.of("Bikes")));
        assertThat(session.bookmarks()).extracting(b -> b.name()).containsExactly("Europe bikes", "First half of 2024");
    }

    @Test
    void variablesExpandAndEvaluateUnderTheSelections() {
        Predicate<Sale> lyon = s -> s.city().equals("Lyon");
        List<VariableInfo> variables = session.variables(select("city", "Lyon"));
        Map<String, String> values = variables.stream().collect(Collectors.toMap(VariableInfo::name, VariableInfo::value));
        assertThat(values).containsEntry("vCurrency", "EUR").containsEntry("vTargetMargin", "0.3");
        assertThat(Double.parseDouble(values.get("vRevenue"))).isCloseTo(data.revenue(lyon), within(0.01));
        assertThat(session.evaluate("$(vRevenue) / 1000", select("city", "Lyon")).number())
                .isCloseTo(data.revenue(lyon) / 1000, within(1e-5));
        assertThat(session.evaluate("$(=Count(DISTINCT city)) + 1", select("country", "Germany")).number()).isEqualTo(3.0);

        double revenue = data.revenue(lyon);
        double margin = (revenue - data.cost(lyon)) / revenue;
        String expected = margin >= 0.3 ? "On target" : "Below target";
        ObjectData kpi = session.objectData("kpi-margin", select("city", "Lyon"), new DataPage(0, 1));
        assertThat(kpi.rows().get(0).get(1).text()).isEqualTo(expected);
        SelectionState high = new SelectionState(Map.of("city", List.of("Lyon")), Map.of("vTargetMargin", "0.99"), null);
        assertThat(session.objectData("kpi-margin", high, new DataPage(0, 1)).rows().get(0).get(1).text()).isEqualTo("Below target");
        SelectionState low = new SelectionState(Map.of("city", List.of("Lyon")), Map.of("vTargetMargin", "0.01"), null);
        assertThat(session.objectData("kpi-margin", low, new DataPage(0, 1)).rows().get(0).get(1).text()).isEqualTo("On target");
        SelectionState usd = new SelectionState(Map.of(), Map.of("vCurrency", "USD"), null);
        assertThat(session.objectData("kpi-revenue", usd, new DataPage(0, 1)).columns().get(0).name()).isEqualTo("Revenue (USD)");
    }

    @Test
    void fieldValuesAreAssociativePagedAndSearchable() {
        FieldValuePage regions = session.fieldValues("region", select("country", "France"), new ValueQuery(null, 0, 100));
        assertThat(regions.values()).extracting(v -> v.text()).containsExactly("Europe");
        assertThat(regions.total()).isEqualTo(1);

        FieldValuePage countries = session.fieldValues("country", select("country", "France", "region", "Europe"),
                new ValueQuery(null, 0, 100));
        assertThat(countries.values()).extracting(v -> v.text()).containsExactly("France", "Germany", "Spain", "United Kingdom");
        assertThat(countries.values()).filteredOn(v -> v.selected()).extracting(v -> v.text()).containsExactly("France");

        FieldValuePage months = session.fieldValues("month", SelectionState.EMPTY, new ValueQuery(null, 20, 10));
        assertThat(months.total()).isEqualTo(24);
        assertThat(months.values()).extracting(v -> v.text()).containsExactly("2024-09", "2024-10", "2024-11", "2024-12");

        FieldValuePage search = session.fieldValues("product", SelectionState.EMPTY, new ValueQuery("BIKE", 0, 100));
        assertThat(search.values()).extracting(v -> v.text())
                .containsExactly("Bike Lights", "City Bike", "Mountain Bike", "Road Bike");
        assertThat(session.fieldValues("units", select("units", 3), new ValueQuery(null, 0, 100)).values())
                .filteredOn(v -> v.selected()).singleElement().satisfies(v -> assertThat(v.number()).isEqualTo(3.0));
    }

    @Test
    void oneObjectForEveryValueOfAnIterationFieldInOneGroupedQuery() {
        List<String> regions = List.of("Europe", "Asia Pacific", "Atlantis", "North America");
        SelectionState state = select("category", "Bikes");
        Map<String, ObjectData> perRegion = session.objectDataPerValue("table-region-product", state, "region", regions,
                new DataPage(0, 100));
        assertThat(perRegion.keySet()).containsExactlyElementsOf(regions);
        for (String region : regions) {
            ObjectData expected = session.objectData("table-region-product", select("category", "Bikes", "region", region),
                    new DataPage(0, 100));
            assertThat(perRegion.get(region)).as(region).isEqualTo(expected);
        }
        assertThat(perRegion.get("Atlantis").rows()).isEmpty();
        assertThat(perRegion.get("Europe").totals().get(2).number())
                .isCloseTo(data.revenue(s -> s.region().equals("Europe") && s.category().equals("Bikes")), within(0.01));

        Map<String, ObjectData> kpis = session.objectDataPerValue("kpi-revenue", SelectionState.EMPTY, "month",
                List.of("2023-01", "2024-12", "1999-01"), new DataPage(0, 1));
        assertThat(kpis.get("2024-12").rows().get(0).get(0).number()).isCloseTo(data.revenue(s -> s.month().equals("2024-12")),
                within(0.01));
        assertThat(kpis.get("1999-01").rows().get(0).get(0).number()).isEqualTo(0.0);
    }

    @Test
    void longSelectionsMatchPlainJavaForTextDateAndIntegerFields() {
        // More than 16 values travel as one array parameter instead of one parameter each.
        List<String> customers = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            customers.add(String.format(java.util.Locale.ROOT, "Customer %04d", i * 7));
        }
        customers.add("Customer 9999");
        customers.add("Customer 0007");
        assertThat(kpiRevenue(select("customer", customers)))
                .isCloseTo(data.revenue(s -> customers.contains(s.customer())), within(0.01));
        List<String> months = List.of("2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08",
                "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03-01", "2024-04", "2024-05", "1999-01",
                "not a month");
        Set<String> monthsAsShown = Set.of("2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08",
                "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05");
        assertThat(kpiRevenue(select("month", months, "region", "Europe")))
                .isCloseTo(data.revenue(s -> monthsAsShown.contains(s.month()) && s.region().equals("Europe")), within(0.01));
        List<String> units = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
                "2.0", "x", "1e0");
        assertThat(kpiRevenue(select("units", units)))
                .isCloseTo(data.revenue(s -> s.units() >= 1 && s.units() <= 17), within(0.01));
        FieldValuePage selected = session.fieldValues("customer", select("customer", customers), new ValueQuery(null, 0, 3000));
        assertThat(selected.values()).filteredOn(v -> v.selected()).extracting(v -> v.text())
                .containsExactlyElementsOf(customers.stream().filter(c -> !c.equals("Customer 9999")).distinct().sorted().toList());
    }

    @Test
    void aBurstOverManyValuesMatchesOneEvaluationPerValue() {
        List<String> customers = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            customers.add(String.format(java.util.Locale.ROOT, "Customer %04d", i * 13));
        }
        customers.add("Nobody");
        SelectionState state = select("category", List.of("Bikes", "Accessories"));
        Map<String, ObjectData> perCustomer = session.objectDataPerValue("table-region-product", state, "customer", customers,
                new DataPage(0, 100));
        assertThat(perCustomer.keySet()).containsExactlyElementsOf(customers);
        for (String customer : customers) {
            ObjectData expected = session.objectData("table-region-product",
                    select("category", List.of("Bikes", "Accessories"), "customer", customer), new DataPage(0, 100));
            assertSameData(customer, perCustomer.get(customer), expected);
        }
        assertThat(perCustomer.get("Nobody").rows()).isEmpty();
        assertThat(perCustomer.get("Nobody").totals().get(2).text()).isEqualTo("0.00");
        // Pages of each value's rows, cut while reading the grouped rows: as a single evaluation pages them.
        for (DataPage page : List.of(new DataPage(0, 3), new DataPage(2, 3), new DataPage(5, 100), new DataPage(40, 10))) {
            Map<String, ObjectData> paged = session.objectDataPerValue("table-region-product", state, "customer",
                    customers.subList(0, 5), page);
            for (String customer : customers.subList(0, 5)) {
                assertSameData(customer + " " + page, paged.get(customer), session.objectData("table-region-product",
                        select("category", List.of("Bikes", "Accessories"), "customer", customer), page));
            }
        }
        // Spellings of the same value, a value selected in the base state and a date field as the iteration field.
        Map<String, ObjectData> months = session.objectDataPerValue("table-region-product", select("month", "2023-05"), "month",
                List.of("2024-12", "2024-12-01", "2023-05", "not a month"), new DataPage(0, 100));
        assertThat(months.keySet()).containsExactly("2024-12", "2024-12-01", "2023-05", "not a month");
        assertThat(months.get("2024-12")).isEqualTo(months.get("2024-12-01"));
        assertSameData("2023-05", months.get("2023-05"), session.objectData("table-region-product", select("month", "2023-05"),
                new DataPage(0, 100)));
        assertThat(months.get("2024-12").totals().get(2).number()).isCloseTo(data.revenue(s -> s.month().equals("2024-12")),
                within(0.01));
        assertThat(months.get("not a month").rows()).isEmpty();
        String first = customers.get(0);
        assertThat(perCustomer.get(first).totals().get(2).number()).isCloseTo(
                data.revenue(s -> s.customer().equals(first) && Set.of("Bikes", "Accessories").contains(s.category())), within(0.01));
    }

    /**
     * The same texts and the same numbers up to the last bits: a sum of doubles depends on the order DuckDB adds the
     * rows in, which differs between the grouped query and a single evaluation (and between runs on several threads).
     */
    static void assertSameData(String what, ObjectData actual, ObjectData expected) {
        assertThat(actual.columns()).as(what).isEqualTo(expected.columns());
        assertThat(actual.totalRows()).as(what).isEqualTo(expected.totalRows());
        assertThat(actual.subtotalRows()).as(what).isEqualTo(expected.subtotalRows());
        List<List<Cell>> actualRows = new java.util.ArrayList<>(actual.rows());
        actualRows.add(actual.totals());
        List<List<Cell>> expectedRows = new java.util.ArrayList<>(expected.rows());
        expectedRows.add(expected.totals());
        assertThat(actualRows).as(what).hasSameSizeAs(expectedRows);
        for (int i = 0; i < actualRows.size(); i++) {
            assertThat(actualRows.get(i)).as(what + " row " + i).extracting(Cell::text)
                    .containsExactlyElementsOf(expectedRows.get(i).stream().map(Cell::text).toList());
            for (int j = 0; j < actualRows.get(i).size(); j++) {
                Double number = expectedRows.get(i).get(j).number();
                if (number == null) {
                    assertThat(actualRows.get(i).get(j).number()).isNull();
                } else {
                    assertThat(actualRows.get(i).get(j).number()).as(what + " row " + i + " cell " + j)
                            .isCloseTo(number, within(1e-9 * Math.max(1, Math.abs(number))));
                }
            }
        }
    }

    @Test
    void oneSessionAnswersEveryStateAndPageAsAFreshSessionDoes() {
        // The session keeps its prepared statements: the same query text comes back with other values bound.
        List<SelectionState> states = List.of(select("region", "Europe"), select("region", "Asia Pacific"),
                select("region", List.of("Europe", "Latin America")), SelectionState.EMPTY, select("region", "Atlantis"),
                select("region", "Europe"));
        List<DataPage> pages = List.of(new DataPage(0, 5), new DataPage(3, 4), new DataPage(0, 100), new DataPage(500, 10));
        for (SelectionState state : states) {
            for (DataPage page : pages) {
                ObjectData again = session.objectData("table-region-product", state, page);
                try (AppSession fresh = connector.open(config, DEMO_ID)) {
                    assertThat(again).as(state + " " + page).isEqualTo(fresh.objectData("table-region-product", state, page));
                }
            }
        }
        assertThat(session.objectData("table-region-product", select("region", "Europe"), new DataPage(0, 100)).totals().get(2)
                .number()).isCloseTo(data.revenue(s -> s.region().equals("Europe")), within(0.01));
    }

    @Test
    void chartsArePngOrJpegImagesOfTheRequestedSize() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        session.chartImage("chart-revenue-by-month", select("region", "Europe"), new ImageRequest(640, 400, "png", 0), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);

        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        session.chartImage("chart-category-pie", SelectionState.EMPTY, new ImageRequest(300, 300, "jpeg", 80), jpeg);
        assertThat(jpeg.toByteArray()).startsWith((byte) 0xFF, (byte) 0xD8);

        assertThatThrownBy(() -> session.chartImage("table-region-product", SelectionState.EMPTY,
                new ImageRequest(300, 300, "png", 0), new ByteArrayOutputStream())).isInstanceOf(ExtensionException.class)
                .hasMessageContaining("not a chart");
        assertThatThrownBy(() -> session.chartImage("chart-category-pie", SelectionState.EMPTY,
                new ImageRequest(100_000, 300, "png", 0), new ByteArrayOutputStream())).isInstanceOf(ExtensionException.class);
    }

    @Test
    void expressionErrorsNameThePositionAndTheCause() {
        assertThatThrownBy(() -> session.evaluate("Sum(revnue)", SelectionState.EMPTY)).isInstanceOf(ExtensionException.class)
                .hasMessageContaining("position 5").hasMessageContaining("unknown field 'revnue'");
        assertThatThrownBy(() -> session.evaluate("Sum(revenue) +", SelectionState.EMPTY))
                .hasMessageContaining("position 15").hasMessageContaining("ends where a value was expected");
        assertThatThrownBy(() -> session.evaluate("Sum(Sum(revenue))", SelectionState.EMPTY))
                .hasMessageContaining("position 5").hasMessageContaining("cannot be nested");
        assertThatThrownBy(() -> session.evaluate("Sum(Revenue)", SelectionState.EMPTY)).hasMessageContaining("did you mean revenue");
        assertThatThrownBy(() -> session.evaluate("Frobnicate(revenue)", SelectionState.EMPTY))
                .hasMessageContaining("position 1").hasMessageContaining("unknown function");
        assertThatThrownBy(() -> session.evaluate("$(vNope) + 1", SelectionState.EMPTY)).hasMessageContaining("unknown variable 'vNope'");
        assertThatThrownBy(() -> session.evaluate("Sum(revenue", SelectionState.EMPTY)).hasMessageContaining("closing ')'");
        assertThatThrownBy(() -> session.objectData("no-such-object", SelectionState.EMPTY, new DataPage(0, 1)))
                .hasMessageContaining("Object 'no-such-object' does not exist");
        assertThatThrownBy(() -> session.evaluate("Sum(revenue)", select("nofield", "x"))).hasMessageContaining("Field 'nofield'");
        assertThatThrownBy(() -> session.evaluate("Sum(revenue)", new SelectionState(Map.of(), Map.of(), "nobookmark")))
                .hasMessageContaining("Bookmark 'nobookmark'");
    }
}
