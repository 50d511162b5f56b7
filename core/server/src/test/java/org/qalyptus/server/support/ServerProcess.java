package org.qalyptus.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.qalyptus.server.QalyptusServer;

/**
 * Another server node in its own JVM (a real process started with this JVM's class path), joined to the store
 * of a first node: the deployment docs/execution-engine.md describes for the embedded store. The first node
 * runs the embedded store on a fixed port ({@link #storeArgs}); this one connects to it with
 * {@code spring.mongodb.uri} and the same master key. Both share the data folder, as nodes behind one shared
 * volume do (the file storage folder and the demo apps are found at the same paths).
 *
 * <p>{@link #kill()} is SIGKILL: no shutdown hook, no lease released, nothing flushed.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Qalyptus is ready at http://localhost:(\\d+)/");

    private final Process process;
    private final Http http;
    private final Path logFile;
    private final Deque<String> lastLines;

    private ServerProcess(Process process, int port, Path logFile, Deque<String> lastLines) {
        this.process = process;
        this.http = new Http("http://127.0.0.1:" + port);
        this.logFile = logFile;
        this.lastLines = lastLines;
    }

    /** A free TCP port on 127.0.0.1 for the first node's embedded store. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first node's arguments: the embedded store listens on {@code storePort} so that other nodes can join. */
    public static String storeArgs(int storePort) {
        return "--qalyptus.embedded.port=" + storePort;
    }

    /**
     * Starts a node on the store of {@code first} (which must run the embedded store on {@code storePort}) and
     * waits until it answers {@code /actuator/health}.
     */
    public static ServerProcess join(RunningServer first, int storePort, String... extraArgs) {
        Path dataDir = first.dataDir();
        String masterKey;
        try {
            masterKey = Files.readString(dataDir.resolve("master.key")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("The first node has no master key file", e);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("qalyptus.node.heap", "768m"),
                "-Djava.awt.headless=true",
                "-cp", classPath(),
                QalyptusServer.class.getName(),
                "--server.port=0",
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/qalyptus",
                "--qalyptus.secrets.master-key=" + masterKey,
                "--qalyptus.data-dir=" + dataDir,
                "--qalyptus.plugins.dir=" + sourceTreePlugins(),
                "--logging.level.root=WARN",
                "--logging.level.org.qalyptus.server.ops=INFO"));
        command.addAll(Arrays.asList(extraArgs));
        Path logFile;
        Process process;
        try {
            logFile = Files.createTempFile("qalyptus-node-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, logFile, lastLines, ready), "node-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        int port;
        try {
            port = ready.get(Long.getLong("qalyptus.node.start-seconds", 180), TimeUnit.SECONDS);
        } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The second node did not start: " + e + "\n" + tail(lastLines), e);
        }
        ServerProcess node = new ServerProcess(process, port, logFile, lastLines);
        node.awaitHealthy();
        return node;
    }

    private static void pump(Process process, Path logFile, Deque<String> lastLines, CompletableFuture<Integer> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 80) {
                        lastLines.removeFirst();
                    }
                }
                Matcher matcher = READY.matcher(line);
                if (!ready.isDone() && matcher.find()) {
                    ready.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            ready.completeExceptionally(new IllegalStateException("the process ended"));
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.get("/actuator/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        throw new IllegalStateException("The second node never became healthy\n" + tail(lastLines));
    }

    /**
     * The reactor's plugins folder, whether this JVM runs in core/server (Surefire) or in the reactor's root (exec:java
     * of a benchmark started there).
     */
    public static Path sourceTreePlugins() {
        Path fromRoot = Path.of("plugins").toAbsolutePath().normalize();
        return Files.isDirectory(fromRoot.resolve("storage-folder")) ? fromRoot : RunningServer.SOURCE_TREE_PLUGINS;
    }

    /**
     * This JVM's class path as a list of entries: the test class path under Surefire, or the class loader's URLs
     * when run by exec:java (whose {@code java.class.path} is Maven's own).
     */
    static String classPath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0
                && Arrays.stream(urls.getURLs()).anyMatch(u -> u.getPath().contains("test-classes"))) {
            return Arrays.stream(urls.getURLs()).map(ServerProcess::path).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Http http() {
        return http;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The node's console output so far (for failure messages). */
    public Path logFile() {
        return logFile;
    }

    public String lastLines() {
        return tail(lastLines);
    }

    /** SIGKILL, and waits until the process is gone. @return its exit code (137) */
    public int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The node " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Stops the node as an operator would (SIGTERM, graceful shutdown), killing it if it takes too long. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String tail(Deque<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
