package org.qalyptus.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Sums of the demo app's CSV files computed in plain Java, to check rendered numbers without the engine. */
final class DemoSums {

    record Sale(String month, String region, String country, String product, String category, long units, BigDecimal revenue) {}

    private static List<Sale> sales;

    static synchronized List<Sale> sales() {
        if (sales == null) {
            Path folder = Demo.folder();
            try {
                Map<String, String[]> customers = new HashMap<>();
                List<String> lines = Files.readAllLines(folder.resolve("customers.csv"));
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split(",");
                    customers.put(c[0], c);
                }
                List<String> rows = Files.readAllLines(folder.resolve("sales.csv"));
                sales = rows.subList(1, rows.size()).stream().map(line -> {
                    String[] s = line.split(",");
                    String[] c = customers.get(s[1]);
                    return new Sale(s[0].substring(0, 7), c[4], c[3], s[2], s[3], Long.parseLong(s[4]), new BigDecimal(s[5]));
                }).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sales;
    }

    static BigDecimal revenue(Predicate<Sale> where) {
        return sales().stream().filter(where).map(Sale::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static long units(Predicate<Sale> where) {
        return sales().stream().filter(where).mapToLong(Sale::units).sum();
    }

    /** Formatted like the demo's revenue format with the default render options (no grouping): 1234567.80 */
    static String money(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
