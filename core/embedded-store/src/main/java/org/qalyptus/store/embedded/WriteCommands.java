package org.qalyptus.store.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Tells the commands that change data from those that only read, so that reads never wait for a commit.
 * Covers every data-changing command mongo-java-server 1.47.0 implements; a command it does not
 * implement fails without changing anything.
 */
final class WriteCommands {

    private static final Set<String> ALWAYS_WRITING = Set.of(
        "insert", "update", "delete", "findandmodify",
        "create", "createindexes", "dropindexes", "drop", "dropdatabase", "renamecollection");

    private static final Set<String> WRITING_AGGREGATION_STAGES = Set.of("$out", "$merge");

    private WriteCommands() {
    }

    /** Commands are matched ignoring case, as mongo-java-server dispatches them. */
    static boolean changesData(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (ALWAYS_WRITING.contains(name)) {
            return true;
        }
        return name.equals("aggregate") && hasWritingStage(query.get("pipeline"));
    }

    private static boolean hasWritingStage(Object pipeline) {
        if (!(pipeline instanceof List<?> stages)) {
            return false;
        }
        return stages.stream()
            .filter(Map.class::isInstance)
            .map(Map.class::cast)
            .anyMatch(stage -> stage.keySet().stream().anyMatch(WRITING_AGGREGATION_STAGES::contains));
    }
}
