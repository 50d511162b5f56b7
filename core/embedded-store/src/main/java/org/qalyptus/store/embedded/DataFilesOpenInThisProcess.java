package org.qalyptus.store.embedded;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store files open in this JVM, checked before H2 tries to lock a file.
 * <p>
 * H2's file lock only keeps other processes out. Within one JVM, a second attempt fails too, but on
 * Linux closing that attempt's channel drops the process's lock on the file (POSIX locks belong to
 * the process), silently letting another process open a store that is still in use.
 */
final class DataFilesOpenInThisProcess {

    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private DataFilesOpenInThisProcess() {
    }

    /**
     * @param dataFile the real path of the store file, so that two spellings of one folder are one file
     * @throws DataFolderInUseException if it is already claimed
     */
    static void claim(Path dataFile, Path dataDirectory) {
        if (!OPEN.add(dataFile)) {
            throw DataFolderInUseException.inThisProcess(dataDirectory);
        }
    }

    static void release(Path dataFile) {
        OPEN.remove(dataFile);
    }
}
