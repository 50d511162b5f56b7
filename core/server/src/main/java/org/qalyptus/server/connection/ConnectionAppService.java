package org.qalyptus.server.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.store.DataDirectory;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppAlreadyExistsException;
import org.qalyptus.spi.app.AppConnector;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Apps uploaded into a connection (organization administrators): the archive is unpacked under the data
 * folder's {@code tmp} with {@link AppArchive}'s limits, handed to the connector, which checks and
 * installs it, and deleted whatever happens.
 */
@Service
public class ConnectionAppService {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAppService.class);

    private final ConnectionService connections;
    private final Path uploads;

    ConnectionAppService(ConnectionService connections, DataDirectory dataDirectory) {
        this.connections = connections;
        this.uploads = dataDirectory.resolve("tmp").resolve("app-uploads");
    }

    public record Upload(String fileName, long size, InputStream content) {}

    public AppInfo upload(Caller caller, String connectionId, Upload upload, boolean replace) {
        ConnectionDocument connection = connections.administered(caller, connectionId);
        if (upload == null || upload.size() == 0) {
            throw ApiException.invalid("file", "Choose a zip archive holding the app's manifest and data files");
        }
        AppConnector connector = connectorOf(connection);
        Path work = null;
        try {
            Files.createDirectories(uploads);
            work = Files.createTempDirectory(uploads, "upload-");
            Path archive = work.resolve("app.zip");
            try (InputStream in = upload.content()) {
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            Path unpacked = Files.createDirectory(work.resolve("app"));
            Path app = AppArchive.unpack(archive, unpacked, AppArchive.Limits.DEFAULT);
            return connector.installApp(config(connector, connection), app, replace);
        } catch (AppAlreadyExistsException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (ExtensionException e) {
            throw extensionFailure(e);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Unpacking an app uploaded to connection {} failed", connectionId, e);
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The upload could not be stored: " + e.getMessage(), null);
        } finally {
            deleteQuietly(work);
        }
    }

    public void remove(Caller caller, String connectionId, String appId) {
        ConnectionDocument connection = connections.administered(caller, connectionId);
        AppConnector connector = connectorOf(connection);
        Config config = config(connector, connection);
        try {
            if (connector.listApps(config).stream().noneMatch(app -> app.id().equals(appId))) {
                throw ApiException.notFound("App " + appId);
            }
            connector.removeApp(config, appId);
        } catch (UnsupportedOperationException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (ExtensionException e) {
            throw extensionFailure(e);
        }
    }

    private AppConnector connectorOf(ConnectionDocument connection) {
        return connections.connectorOf(connection).orElseThrow(() -> ApiException.conflict(
                "No connector of type " + connection.type() + " is installed"));
    }

    private Config config(AppConnector connector, ConnectionDocument connection) {
        try {
            return connections.config(connector, connection);
        } catch (InvalidConfigException e) {
            throw ApiException.conflict("The connection's stored settings no longer fit its connector: " + e.getMessage());
        }
    }

    private static ApiException extensionFailure(ExtensionException e) {
        return e.isRetryable()
                ? new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), null)
                : ApiException.badRequest(e.getMessage());
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the upload folder {}", folder, e);
        }
    }
}
