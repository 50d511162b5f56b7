package org.qalyptus.plugins.connector.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The demo app's CSV files read with plain Java, so tests compare the engine with numbers computed
 * without it.
 */
record DemoData(List<Sale> sales) {

    record Sale(String month, String customer, String email, String city, String country, String region, String product,
            String category, long units, BigDecimal revenue, BigDecimal cost) {}

    static DemoData read(Path folder) {
        try {
            Map<String, String[]> customers = new HashMap<>();
            List<String> lines = Files.readAllLines(folder.resolve("customers.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                customers.put(c[0], c);
            }
            List<String> rows = Files.readAllLines(folder.resolve("sales.csv"));
            List<Sale> sales = rows.subList(1, rows.size()).stream().map(line -> {
                String[] s = line.split(",");
                String[] c = customers.get(s[1]);
                return new Sale(s[0].substring(0, 7), s[1], c[1], c[2], c[3], c[4], s[2], s[3], Long.parseLong(s[4]),
                        new BigDecimal(s[5]), new BigDecimal(s[6]));
            }).toList();
            return new DemoData(sales);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double revenue(Predicate<Sale> where) {
        return sales.stream().filter(where).map(Sale::revenue).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    double cost(Predicate<Sale> where) {
        return sales.stream().filter(where).map(Sale::cost).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    long units(Predicate<Sale> where) {
        return sales.stream().filter(where).mapToLong(Sale::units).sum();
    }

    long distinctCustomers(Predicate<Sale> where) {
        return sales.stream().filter(where).map(Sale::customer).distinct().count();
    }
}
