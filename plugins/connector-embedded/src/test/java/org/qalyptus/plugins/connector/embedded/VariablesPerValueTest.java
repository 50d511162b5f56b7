package org.qalyptus.plugins.connector.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * Variables for every value of an iteration field ({@link AppSession#variablesPerValue}): the embedded engine's grouped
 * evaluation and the SPI's default (value by value) both answer what {@link AppSession#variables} answers under each
 * value's state alone.
 */
class VariablesPerValueTest {

    static final List<String> NAMES = List.of("vMargin", "vCurrency", "vRevenue", "vTargetMargin", "vNoSuchVariable");

    @TempDir
    static Path apps;

    static AppSession session;
    static DemoData data;

    @BeforeAll
    static void openDemo() {
        EmbeddedConnector connector = new EmbeddedConnector();
        Config config = Config.bind(connector.configFields(), connector.demoSettings(apps).orElseThrow());
        session = connector.open(config, SalesDemoTest.DEMO_ID);
        data = DemoData.read(apps.resolve("sales-demo"));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static List<String> customers() {
        List<String> customers = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            customers.add(String.format(Locale.ROOT, "Customer %04d", i * 11));
        }
        customers.add("Nobody");
        customers.add(customers.get(0));
        return customers;
    }

    static SelectionState state(Map<String, List<String>> fields, Map<String, String> variables) {
        return new SelectionState(fields, variables, null);
    }

    static SelectionState withValue(SelectionState state, String field, String value) {
        Map<String, List<String>> fields = new LinkedHashMap<>(state.fields());
        fields.put(field, List.of(value));
        return new SelectionState(fields, state.variables(), state.bookmarkId());
    }

    /** What variables(state) answers for the names, in the names' order: the reference. */
    static List<VariableInfo> single(SelectionState state) {
        List<VariableInfo> all = session.variables(state);
        List<VariableInfo> named = new ArrayList<>();
        for (String name : NAMES) {
            all.stream().filter(v -> v.name().equals(name)).findFirst().ifPresent(named::add);
        }
        return named;
    }

    /** Equal names, definitions and texts; numbers up to the last bits (a grouped sum adds the rows in another order). */
    static void assertSame(String what, List<VariableInfo> actual, List<VariableInfo> expected) {
        assertThat(actual).as(what).extracting(VariableInfo::name).containsExactlyElementsOf(
                expected.stream().map(VariableInfo::name).toList());
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i).value();
            String a = actual.get(i).value();
            assertThat(actual.get(i).definition()).isEqualTo(expected.get(i).definition());
            BigDecimal number = number(e);
            if (number != null && number(a) != null) {
                assertThat(number(a).doubleValue()).as(what + " " + expected.get(i).name())
                        .isCloseTo(number.doubleValue(), within(1e-9 * Math.max(1, Math.abs(number.doubleValue()))));
            } else {
                assertThat(a).as(what + " " + expected.get(i).name()).isEqualTo(e);
            }
        }
    }

    static BigDecimal number(String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void assertEveryValueAsAlone(AppSession answering, SelectionState state, String field, List<String> values) {
        Map<String, List<VariableInfo>> perValue = answering.variablesPerValue(NAMES, state, field, values);
        assertThat(perValue.keySet()).containsExactlyElementsOf(new java.util.LinkedHashSet<>(values));
        for (String value : values) {
            SelectionState alone = withValue(state, field, value);
            assertSame(value, perValue.get(value), single(alone));
            assertSame(value + " (named)", session.variables(NAMES, alone), single(alone));
        }
    }

    @Test
    void namedVariablesAreTheOnesVariablesAnswersInTheNamesOrder() {
        SelectionState bikes = state(Map.of("category", List.of("Bikes")), Map.of());
        List<VariableInfo> named = session.variables(List.of("vRevenue", "vCurrency", "vRevenue", "vnocurrency", "vNoSuch"), bikes);
        assertThat(named).extracting(VariableInfo::name).containsExactly("vRevenue", "vCurrency");
        assertThat(named.get(0).value()).isEqualTo(single(bikes).get(2).value());
        assertThat(named.get(1).value()).isEqualTo("EUR");
        assertThat(session.variables(List.of(), bikes)).isEmpty();
    }

    @Test
    void expressionVariablesForEveryCustomerInOneGroupedEvaluationEqualEachCustomerAlone() {
        SelectionState bikes = state(Map.of("category", List.of("Bikes", "Accessories")), Map.of());
        assertEveryValueAsAlone(session, bikes, "customer", customers());
        Map<String, List<VariableInfo>> perValue = session.variablesPerValue(NAMES, bikes, "customer", customers());
        String first = customers().get(0);
        assertThat(Double.parseDouble(perValue.get(first).get(2).value())).isCloseTo(
                data.revenue(s -> s.customer().equals(first) && List.of("Bikes", "Accessories").contains(s.category())), within(0.01));
        // A customer without sales: the expressions over no rows, as selecting it alone gives.
        assertThat(perValue.get("Nobody").get(2).value()).isEqualTo(single(withValue(bikes, "customer", "Nobody")).get(2).value());
    }

    @Test
    void recipientsThatDifferPerValueAndEveryKindOfDefinition() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("vTargetMargin", "=Only(email)"); // the recipient: one address per customer
        variables.put("vCurrency", "$(=Only(region))"); // text whose expansion evaluates under each value: value by value
        variables.put("vRevenue", "=Sum("); // an error: no value
        variables.put("vMargin", "=$(vMargin) + 1"); // refers to itself: no value
        SelectionState state = state(Map.of(), variables);
        List<String> customers = customers();
        assertEveryValueAsAlone(session, state, "customer", customers);
        Map<String, List<VariableInfo>> perValue = session.variablesPerValue(NAMES, state, "customer", customers);
        for (String customer : customers.subList(0, 25)) {
            assertThat(perValue.get(customer).get(3).value()).as(customer).isEqualTo(data.sales().stream()
                    .filter(sale -> sale.customer().equals(customer)).map(DemoData.Sale::email).findFirst().orElse(""));
        }
        assertThat(perValue.get(customers.get(0)).get(3).value()).isNotEqualTo(perValue.get(customers.get(1)).get(3).value());
        assertThat(perValue.get("Nobody").get(3).value()).isEmpty();
        assertThat(perValue.get(customers.get(0)).get(0).value()).isNull();
        assertThat(perValue.get(customers.get(0)).get(2).value()).isNull();
        // A bookmark's selections and variables under the values, a date field, spellings of one value.
        assertEveryValueAsAlone(session, new SelectionState(Map.of(), Map.of("vCurrency", "=Only(region) & ' ' & $(vTargetMargin)"),
                "bm-europe-bikes"), "month", List.of("2024-12", "2024-12-01", "2023-05", "not a month"));
    }

    @Test
    void theSpiDefaultAnswersTheSameValueByValue() {
        AppSession defaultsOnly = new DefaultsOnly(session);
        Map<String, String> variables = Map.of("vTargetMargin", "=Only(email)", "vCurrency", "$(=Count(customer))");
        assertEveryValueAsAlone(defaultsOnly, state(Map.of("region", List.of("Europe")), variables), "customer", customers());
        assertThat(defaultsOnly.variables(List.of("vCurrency", "vNoSuch"), SelectionState.EMPTY)).singleElement()
                .satisfies(v -> assertThat(v.value()).isEqualTo("EUR"));
    }

    @Test
    void unknownIterationFieldOrBookmarkIsTheUsualError() {
        assertThatThrownBy(() -> session.variablesPerValue(NAMES, SelectionState.EMPTY, "nofield", List.of("x")))
                .isInstanceOf(ExtensionException.class).hasMessageContaining("nofield");
        assertThatThrownBy(() -> session.variablesPerValue(NAMES, new SelectionState(Map.of(), Map.of(), "no-bookmark"), "customer",
                List.of("x"))).isInstanceOf(ExtensionException.class).hasMessageContaining("no-bookmark");
        assertThat(session.variablesPerValue(NAMES, SelectionState.EMPTY, "customer", List.of())).isEmpty();
    }

    /** A session that implements only what the SPI requires, so the default methods answer. */
    record DefaultsOnly(AppSession session) implements AppSession {
        @Override
        public AppModel.AppInfo app() {
            return session.app();
        }

        @Override
        public List<AppModel.FieldInfo> fields() {
            return session.fields();
        }

        @Override
        public AppModel.FieldValuePage fieldValues(String field, SelectionState state, AppModel.ValueQuery query) {
            return session.fieldValues(field, state, query);
        }

        @Override
        public List<VariableInfo> variables(SelectionState state) {
            return session.variables(state);
        }

        @Override
        public List<AppModel.BookmarkInfo> bookmarks() {
            return session.bookmarks();
        }

        @Override
        public SelectionState bookmarkSelections(String bookmarkId) {
            return session.bookmarkSelections(bookmarkId);
        }

        @Override
        public List<AppModel.SheetInfo> sheets() {
            return session.sheets();
        }

        @Override
        public AppModel.ObjectData objectData(String objectId, SelectionState state, AppModel.DataPage page) {
            return session.objectData(objectId, state, page);
        }

        @Override
        public void chartImage(String objectId, SelectionState state, AppModel.ImageRequest request, OutputStream out) {
            session.chartImage(objectId, state, request, out);
        }

        @Override
        public AppModel.EvaluatedValue evaluate(String expression, SelectionState state) {
            return session.evaluate(expression, state);
        }

        @Override
        public void close() {}
    }
}
