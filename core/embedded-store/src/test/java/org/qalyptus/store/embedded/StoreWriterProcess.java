package org.qalyptus.store.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link StoreWriterMain} running in a child JVM on the test class path, so it can be killed with SIGKILL.
 */
final class StoreWriterProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;
    private final Path log;

    private StoreWriterProcess(Process process, Path log) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.log = log;
    }

    /**
     * @param log where the child's stderr (its logging) goes, for diagnosing failures
     */
    static StoreWriterProcess start(Path dataDirectory, Durability durability, StoreWriterMain.Workload workload,
                                    int writes, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
            StoreWriterMain.class.getName(),
            dataDirectory.toString(), durability.name(), workload.name(), Integer.toString(writes));
        Process process = new ProcessBuilder(command)
            .redirectError(log.toFile())
            .start();
        return new StoreWriterProcess(process, log);
    }

    /** @return the next line of the child's output, or null when the child ended without more */
    String nextLine() throws IOException {
        return output.readLine();
    }

    /** Reads the child's output up to and including {@code expected}. */
    void awaitLine(String expected) throws IOException, InterruptedException {
        String line;
        while ((line = output.readLine()) != null) {
            if (line.equals(expected)) {
                return;
            }
        }
        throw new IllegalStateException("the child ended (exit code " + process.waitFor() + ") before printing '"
            + expected + "'; its log:\n" + Files.readString(log));
    }

    /** Waits for the child to end by itself. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Sends SIGKILL (on Linux and macOS) and waits for the child to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        kill();
        output.close();
    }
}
