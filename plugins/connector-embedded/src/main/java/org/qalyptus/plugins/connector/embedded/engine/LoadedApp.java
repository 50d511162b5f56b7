package org.qalyptus.plugins.connector.embedded.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.qalyptus.plugins.connector.embedded.expr.Sql;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldType;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.JdbcDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.TableDef;
import org.qalyptus.spi.ExtensionException;

/**
 * An app loaded into its own in-memory DuckDB database: each declared table is read, typed as declared,
 * into the {@code model} table every query reads (kept compressed, see {@link #MODEL_DATABASE}): the first
 * table joined (left) with the others through the fields they share, which is how selections in one table
 * reach the others. After
 * loading, the database's access to files and the network is switched off and the setting locked, so
 * nothing that runs later can read outside the app. Sessions work on {@linkplain #connect() their own
 * connections} to it.
 */
public final class LoadedApp implements AutoCloseable {

    /**
     * The in-memory database the model table lives in, attached with DuckDB's {@code COMPRESS} option: the
     * default in-memory database stores columns uncompressed, so every filter and grouping on a text field
     * compares whole strings, while a compressed one keeps low-cardinality texts as dictionaries.
     */
    static final String MODEL_DATABASE = "appdata";
    public static final String MODEL = MODEL_DATABASE + ".main.model";

    private final AppManifest manifest;
    private final Path folder;
    private final DuckDBConnection database;
    private final Map<String, FieldDef> fields;
    private final Map<String, Long> cardinalities;
    private final Instant loadedAt;
    private final ObjectResults results = new ObjectResults(ObjectResults.DEFAULT_MAX_CELLS);

    private LoadedApp(AppManifest manifest, Path folder, DuckDBConnection database, Map<String, FieldDef> fields,
            Map<String, Long> cardinalities, Instant loadedAt) {
        this.manifest = manifest;
        this.folder = folder;
        this.database = database;
        this.fields = fields;
        this.cardinalities = cardinalities;
        this.loadedAt = loadedAt;
    }

    /** @throws ExtensionException naming the table and the cause when the data cannot be loaded */
    public static LoadedApp load(AppManifest manifest, Path folder) {
        return load(manifest, folder, null);
    }

    /** @param jdbcPassword the connection's password for JDBC sources that name no environment variable, or null */
    public static LoadedApp load(AppManifest manifest, Path folder, String jdbcPassword) {
        DuckDBConnection db;
        try {
            Properties properties = new Properties();
            db = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", properties);
        } catch (SQLException e) {
            throw new ExtensionException("The embedded engine could not start: " + firstLine(e), true, e);
        }
        try {
            Map<String, FieldDef> fields = new LinkedHashMap<>();
            for (TableDef table : manifest.tables()) {
                loadTable(db, folder, table, jdbcPassword);
                table.fields().forEach(f -> fields.putIfAbsent(f.name(), f));
            }
            buildModel(db, manifest.tables());
            try (Statement st = db.createStatement()) {
                st.execute("SET threads = " + threads(db));
                st.execute("SET enable_external_access = false");
                st.execute("SET lock_configuration = true");
            }
            Map<String, Long> cardinalities = new LinkedHashMap<>();
            List<Sql> counts = fields.keySet().stream()
                    .map(name -> Sql.of("COUNT(DISTINCT " + Sql.identifier(name) + ")")).toList();
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery(Sql.join("SELECT ", ", ", " FROM " + MODEL, counts).text())) {
                rs.next();
                int i = 1;
                for (String name : fields.keySet()) {
                    cardinalities.put(name, rs.getLong(i++));
                }
            }
            return new LoadedApp(manifest, folder, db, java.util.Collections.unmodifiableMap(fields), cardinalities, Instant.now());
        } catch (SQLException e) {
            closeQuietly(db);
            throw new ExtensionException("App '" + manifest.name() + "' could not be loaded: " + firstLine(e), false, e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    private static void loadTable(DuckDBConnection db, Path folder, TableDef table, String jdbcPassword) throws SQLException {
        String target = Sql.identifier("t_" + table.name());
        List<String> casts = new ArrayList<>();
        for (FieldDef f : table.fields()) {
            String column = Sql.identifier(f.name());
            casts.add("CAST(" + column + " AS " + f.type().sqlType() + ") AS " + column);
        }
        String select = String.join(", ", casts);
        if (table.source().jdbc() != null) {
            loadJdbc(db, table, target, jdbcPassword);
            return;
        }
        String file = table.source().csv() != null ? table.source().csv() : table.source().parquet();
        Path path = folder.resolve(file).normalize();
        if (!path.startsWith(folder.normalize()) || !Files.isRegularFile(path)) {
            throw new ExtensionException("Table " + table.name() + ": data file '" + file + "' was not found in the app folder",
                    false);
        }
        String reader = table.source().csv() != null
                ? "read_csv(?, header = true, all_varchar = true, auto_detect = true)"
                : "read_parquet(?)";
        try (PreparedStatement st = db.prepareStatement("CREATE TABLE " + target + " AS SELECT " + select + " FROM " + reader)) {
            st.setString(1, path.toString());
            st.execute();
        } catch (SQLException e) {
            throw new ExtensionException("Table " + table.name() + " could not be read from '" + file + "': " + firstLine(e),
                    false, e);
        }
    }

    /** Copies the rows of a read-only query on another database into the app's table. */
    /**
     * A connection that cannot write, as a second guard behind the SELECT-only rule: DuckDB is opened in its
     * read-only access mode (its connections refuse {@code setReadOnly}); other drivers get
     * {@code setReadOnly(true)}.
     */
    private static Connection readOnlyConnection(String url, String user, String password) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (url.startsWith("jdbc:duckdb:")) {
            properties.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
            return DriverManager.getConnection(url, properties);
        }
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            connection.setReadOnly(true);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static void loadJdbc(DuckDBConnection db, TableDef table, String target, String jdbcPassword) throws SQLException {
        JdbcDef jdbc = table.source().jdbc();
        List<String> columns = new ArrayList<>();
        for (FieldDef f : table.fields()) {
            columns.add(Sql.identifier(f.name()) + " " + f.type().sqlType());
        }
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE " + target + " (" + String.join(", ", columns) + ")");
        }
        String password = jdbc.passwordEnv() == null ? jdbcPassword : System.getenv(jdbc.passwordEnv());
        String placeholders = String.join(", ", table.fields().stream().map(f -> "?").toList());
        try (Connection source = readOnlyConnection(jdbc.url(), jdbc.user(), password)) {
            try (Statement query = source.createStatement();
                    ResultSet rs = query.executeQuery(jdbc.query());
                    PreparedStatement insert = db.prepareStatement("INSERT INTO " + target + " VALUES (" + placeholders + ")")) {
                int batch = 0;
                while (rs.next()) {
                    for (int i = 0; i < table.fields().size(); i++) {
                        FieldDef f = table.fields().get(i);
                        Object value = rs.getObject(f.name());
                        insert.setObject(i + 1, f.type() == FieldType.DATE && value != null
                                ? Formats.toLocalDate(value) : value);
                    }
                    insert.addBatch();
                    if (++batch % 5_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new ExtensionException("Table " + table.name() + ": the JDBC query failed: " + firstLine(e), true, e);
        }
    }

    private static void buildModel(DuckDBConnection db, List<TableDef> tables) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE TABLE " + MODEL + " AS SELECT * FROM " + Sql.identifier("t_" + tables.get(0).name()));
        Set<String> joined = new LinkedHashSet<>();
        tables.get(0).fields().forEach(f -> joined.add(f.name()));
        for (TableDef table : tables.subList(1, tables.size())) {
            List<String> keys = table.fields().stream().map(FieldDef::name).filter(joined::contains).toList();
            if (keys.isEmpty()) {
                throw new ExtensionException("Table " + table.name() + " shares no field with the tables before it, so it"
                        + " is not associated with them", false);
            }
            sql.append(" LEFT JOIN ").append(Sql.identifier("t_" + table.name())).append(" USING (")
                    .append(String.join(", ", keys.stream().map(Sql::identifier).toList())).append(")");
            table.fields().forEach(f -> joined.add(f.name()));
        }
        try (Statement st = db.createStatement()) {
            st.execute("ATTACH ':memory:' AS " + MODEL_DATABASE + " (COMPRESS)");
            st.execute(sql.toString());
            // Compression happens at a checkpoint; the tables read from the sources are only the model's input.
            st.execute("CHECKPOINT " + MODEL_DATABASE);
            for (TableDef table : tables) {
                st.execute("DROP TABLE " + Sql.identifier("t_" + table.name()));
            }
        }
    }

    /**
     * The threads the app's queries run on: one per row group of the model (DuckDB scans a row group on one
     * thread), at most one per core. A small app (the demo's 100,000 rows fit in one row group) then runs each
     * query on the caller's thread alone, instead of handing tasks to a worker that has nothing to scan and, on a
     * busy machine, may not get the CPU in time; several sessions still run their queries side by side.
     */
    private static int threads(DuckDBConnection db) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT row_group_id) FROM pragma_storage_info('" + MODEL + "')")) {
            long rowGroups = rs.next() ? rs.getLong(1) : 1;
            return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), rowGroups));
        }
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing is best effort
        }
    }

    /** A new connection to the app's database, for one session. */
    public Connection connect() {
        try {
            return database.duplicate();
        } catch (SQLException e) {
            throw new ExtensionException("The embedded engine could not open a session: " + firstLine(e), true, e);
        }
    }

    public AppManifest manifest() {
        return manifest;
    }

    public Path folder() {
        return folder;
    }

    /** Every field by name (case-sensitive). */
    public Map<String, FieldDef> fields() {
        return fields;
    }

    public long cardinality(String field) {
        return cardinalities.getOrDefault(field, 0L);
    }

    /** The object pages computed on this load of the app's data. */
    public ObjectResults results() {
        return results;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    @Override
    public void close() {
        closeQuietly(database);
    }
}
