package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.bwaldvogel.mongo.bson.Document;

class WriteCommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"insert", "update", "delete", "findAndModify", "findandmodify", "create", "createIndexes",
        "dropIndexes", "drop", "dropDatabase", "renameCollection", "INSERT"})
    void commandsThatChangeDataAreWrites(String command) {
        assertThat(WriteCommands.changesData(command, new Document(command, "collection"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"find", "getMore", "count", "distinct", "listCollections", "listIndexes", "dbStats",
        "collStats", "ping", "isMaster", "hello", "buildInfo", "killCursors", "endSessions"})
    void commandsThatOnlyReadAreNotWrites(String command) {
        assertThat(WriteCommands.changesData(command, new Document(command, "collection"))).isFalse();
    }

    @Test
    void aggregationWithoutOutputStageIsNotAWrite() {
        assertThat(WriteCommands.changesData("aggregate", aggregate(new Document("$match", new Document()))))
            .isFalse();
    }

    @Test
    void aggregationWritingWithOutIsAWrite() {
        assertThat(WriteCommands.changesData("aggregate",
            aggregate(new Document("$match", new Document()), new Document("$out", "target")))).isTrue();
    }

    @Test
    void aggregationWritingWithMergeIsAWrite() {
        assertThat(WriteCommands.changesData("aggregate", aggregate(new Document("$merge", "target")))).isTrue();
    }

    private static Document aggregate(Document... stages) {
        return new Document("aggregate", "collection").append("pipeline", List.of(stages));
    }
}
