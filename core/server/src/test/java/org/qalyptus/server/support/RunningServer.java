package org.qalyptus.server.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qalyptus.server.QalyptusServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The real server, started in this JVM on a free port with its own data folder. */
public final class RunningServer implements AutoCloseable {

    /** The reactor's plugins folder: the server loads it in development mode, from the modules' classes. */
    public static final Path SOURCE_TREE_PLUGINS = Path.of("../../plugins").toAbsolutePath().normalize();

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final Http http;

    private RunningServer(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.http = new Http("http://127.0.0.1:" + port);
    }

    public static RunningServer start(Path dataDir, Path pluginsDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--qalyptus.data-dir=" + dataDir,
                "--qalyptus.plugins.dir=" + pluginsDir,
                "--logging.level.root=WARN"));
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QalyptusServer.class)
                .run(args.toArray(String[]::new));
        return new RunningServer(context, dataDir);
    }

    public Http http() {
        return http;
    }

    public Path dataDir() {
        return dataDir;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public InitialCredentialsFile credentials() {
        return InitialCredentialsFile.read(dataDir);
    }

    @Override
    public void close() {
        context.close();
    }
}
