package org.qalyptus.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The routes of {@code shared/spec/rest-routes.tsv}, the contract every route test reads. */
public final class RestRoutes {

    /** One operation: its group, method, path (with any {@code ?query=} part) and name. */
    public record Route(String group, String method, String path, String operation) {

        /** The path without its query-string part ({@code /tasks/{id}/schedules?taskScheduleID=}). */
        public String pathOnly() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        /** The path with every parameter written {@code {}}, for comparing paths whose parameter names differ. */
        public String shape() {
            return RestRoutes.shape(pathOnly());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private RestRoutes() {}

    public static String shape(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    /** Every route of the file. */
    public static List<Route> all() {
        try {
            return Files.readAllLines(file()).stream().skip(1).map(line -> line.split("\t"))
                    .filter(cells -> cells.length >= 4)
                    .map(cells -> new Route(cells[0], cells[1], cells[2], cells[3])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The routes of some groups. */
    public static List<Route> of(Set<String> groups) {
        return all().stream().filter(route -> groups.contains(route.group())).toList();
    }

    /** Finds {@code shared/spec/rest-routes.tsv} beside the repository, walking up from the working directory. */
    public static Path file() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/spec/rest-routes.tsv");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/spec/rest-routes.tsv was not found above " + Path.of("").toAbsolutePath());
    }
}
