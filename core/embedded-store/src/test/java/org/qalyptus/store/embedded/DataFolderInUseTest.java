package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DataFolderInUseTest {

    @TempDir
    Path dataDirectory;

    @TempDir
    Path logs;

    @Test
    void secondServerOnAFolderUsedByAnotherProcessFailsClearly() throws Exception {
        try (StoreWriterProcess holder = StoreWriterProcess.start(
            dataDirectory, Durability.SYNC_ON_ACK, StoreWriterMain.Workload.HOLD, 0, logs.resolve("holder.log"))) {
            holder.awaitLine("READY");

            assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory)))
                .isInstanceOf(DataFolderInUseException.class)
                .hasMessage("data folder " + dataDirectory.toAbsolutePath() + " is in use by another process");
        }
    }

    @Test
    void secondServerOnAFolderUsedInThisProcessFailsClearly() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory);
        try (EmbeddedMongoServer first = EmbeddedMongoServer.start(options)) {
            assertThatThrownBy(() -> EmbeddedMongoServer.start(options))
                .isInstanceOf(DataFolderInUseException.class)
                .hasMessage("data folder " + dataDirectory.toAbsolutePath()
                    + " is in use by another embedded store in this process");
        }
    }

    @Test
    void failedSecondStartInThisProcessStillKeepsOtherProcessesOut() throws Exception {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory);
        try (EmbeddedMongoServer first = EmbeddedMongoServer.start(options)) {
            assertThatThrownBy(() -> EmbeddedMongoServer.start(options)).isInstanceOf(DataFolderInUseException.class);

            try (StoreWriterProcess intruder = StoreWriterProcess.start(
                dataDirectory, Durability.SYNC_ON_ACK, StoreWriterMain.Workload.HOLD, 0, logs.resolve("intruder.log"))) {
                assertThat(intruder.nextLine()).as("output of a second process on the folder").isNull();
                assertThat(intruder.awaitExit()).as("exit code of a second process on the folder").isNotZero();
                assertThat(logs.resolve("intruder.log")).content().contains("is in use by another process");
            }
        }
    }

    @Test
    void folderIsFreeAgainAfterTheHolderWasKilled() throws Exception {
        try (StoreWriterProcess holder = StoreWriterProcess.start(
            dataDirectory, Durability.SYNC_ON_ACK, StoreWriterMain.Workload.HOLD, 0, logs.resolve("holder.log"))) {
            holder.awaitLine("READY");
            holder.kill();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory))) {
            assertThat(server.dataFile()).isRegularFile();
        }
    }
}
