package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * Store files written before the maps used {@link ThreadSafeObjectDataType} (stock mongo-java-server, on H2's
 * default data type) open with every document found by its id, whatever its type, and unique indexes still
 * refuse duplicates; and files written now open with the stock backend. The bytes are the same either way.
 */
class StoreFilesOfH2sDefaultDataTypeTest {

    private static final String DATABASE = "qalyptus";
    private static final int DOCUMENTS = 300;

    @TempDir
    Path dataDirectory;

    @Test
    void aStoreWrittenWithH2sDefaultDataTypeOpensWithEveryDocumentFoundByItsId() {
        try (StockBackend stock = new StockBackend(dataDirectory)) {
            var database = stock.backend.resolveDatabase(DATABASE);
            var collection = database.createCollectionOrThrowIfExists("mixed");
            for (int number = 0; number < DOCUMENTS; number++) {
                de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", stockId(number))
                    .append("number", number).append("name", "n" + number);
                collection.addDocument(document);
            }
            assertThat(database).isInstanceOf(H2Database.class);
        }

        try (RunningStore store = RunningStore.start(dataDirectory)) {
            MongoCollection<org.bson.Document> mixed = store.collection("mixed");
            assertThat(mixed.countDocuments()).isEqualTo(DOCUMENTS);
            for (int number = 0; number < DOCUMENTS; number++) {
                assertThat(numbers(mixed.find(Filters.eq("_id", driverId(number))))).as("id of document %d", number)
                    .containsExactly(number);
            }
            mixed.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true).name("name"));
            assertThatThrownBy(() -> mixed.insertOne(new org.bson.Document("_id", "other").append("name", "n7")))
                .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> mixed.insertOne(new org.bson.Document("_id", driverId(14))))
                .isInstanceOf(MongoWriteException.class);
            assertThat(mixed.deleteOne(Filters.eq("_id", driverId(21))).getDeletedCount()).isEqualTo(1);
            store.restart();
            assertThat(store.collection("mixed").countDocuments()).isEqualTo(DOCUMENTS - 1);
            assertThat(numbers(store.collection("mixed").find(Filters.eq("name", "n7")))).containsExactly(7);
        }
    }

    @Test
    void aStoreWrittenNowOpensWithTheStockBackend() {
        try (RunningStore store = RunningStore.start(dataDirectory)) {
            List<org.bson.Document> documents = new ArrayList<>();
            for (int number = 0; number < DOCUMENTS; number++) {
                documents.add(new org.bson.Document("_id", driverId(number)).append("number", number));
            }
            store.collection("mixed").insertMany(documents);
        }

        try (StockBackend stock = new StockBackend(dataDirectory)) {
            var collection = stock.backend.resolveDatabase(DATABASE).resolveCollection("mixed", true);
            for (int number = 0; number < DOCUMENTS; number++) {
                List<Object> found = new ArrayList<>();
                collection.handleQuery(new de.bwaldvogel.mongo.bson.Document("_id", stockId(number)))
                    .forEach(document -> found.add(document.get("number")));
                assertThat(found).as("id of document %d", number).containsExactly(number);
            }
        }
    }

    /** Ids of the kinds that broke (Java-serialized in H2) among plain ones, as the backend stores them. */
    private static Object stockId(int number) {
        return switch (number % 6) {
            case 0 -> new de.bwaldvogel.mongo.bson.ObjectId(hex(number));
            case 1 -> "id-" + number;
            case 2 -> number;
            case 3 -> 10_000_000_000L + number;
            case 4 -> new de.bwaldvogel.mongo.bson.Document("k", number);
            default -> number + 0.5;
        };
    }

    /** The same ids as the driver sends them. */
    private static Object driverId(int number) {
        return switch (number % 6) {
            case 0 -> new ObjectId(hex(number));
            case 4 -> new org.bson.Document("k", number);
            default -> stockId(number);
        };
    }

    private static String hex(int number) {
        return String.format("%024x", number);
    }

    private static List<Integer> numbers(Iterable<org.bson.Document> documents) {
        List<Integer> numbers = new ArrayList<>();
        documents.forEach(document -> numbers.add(document.getInteger("number")));
        return numbers;
    }

    /** mongo-java-server's own H2 backend on the store file of the data folder, as the store used it before. */
    private static final class StockBackend implements AutoCloseable {

        final H2Backend backend;

        StockBackend(Path dataDirectory) {
            Path dataFile = EmbeddedStoreOptions.inDataDirectory(dataDirectory).dataFile();
            dataFile.getParent().toFile().mkdirs();
            backend = new H2Backend(new MVStore.Builder().fileName(dataFile.toString()).open());
        }

        @Override
        public void close() {
            backend.close();
        }
    }
}
