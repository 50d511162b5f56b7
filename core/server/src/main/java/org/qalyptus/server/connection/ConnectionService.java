package org.qalyptus.server.connection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.plugin.ExtensionSettings;
import org.qalyptus.server.plugin.ExtensionSettings.Stored;
import org.qalyptus.server.plugin.PluginHost;
import org.qalyptus.server.plugin.ServerPathPolicy;
import org.qalyptus.server.store.DataDirectory;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.app.AppConnector;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Connections and their rules: members of an organization see its connections, only its
 * administrators create, change, delete and test them; settings are validated against the connector's
 * config fields and secret ones stored encrypted.
 */
@Service
public class ConnectionService {

    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;

    private final ConnectionRepository connections;
    private final OrganizationAccess access;
    private final PluginHost plugins;
    private final ExtensionSettings settings;
    private final ServerPathPolicy paths;
    private final Clock clock;

    ConnectionService(ConnectionRepository connections, OrganizationAccess access,
            PluginHost plugins, ExtensionSettings settings, Clock clock,
            @Value("${qalyptus.connections.allowed-roots:}") List<String> allowedRoots, DataDirectory dataDirectory) {
        this.paths = new ServerPathPolicy(allowedRoots, dataDirectory, "apps", "demo-apps");
        this.connections = connections;
        this.access = access;
        this.plugins = plugins;
        this.settings = settings;
        this.clock = clock;
    }

    /** The connections of one organization (404 when invisible), or of every organization the caller sees. */
    public List<ConnectionDocument> list(Caller caller, String organizationId) {
        if (organizationId != null) {
            access.requireMember(caller, organizationId);
            return connections.findByOrganizationIdOrderByNameAsc(organizationId);
        }
        if (caller.limitedToOrganization().isPresent()) {
            return connections.findByOrganizationIdOrderByNameAsc(caller.limitedToOrganization().get());
        }
        if (access.isTenantAdministrator(caller)) {
            return connections.findAll().stream()
                    .sorted(java.util.Comparator.comparing(ConnectionDocument::organizationId).thenComparing(ConnectionDocument::name))
                    .toList();
        }
        List<String> ids = access.user(caller).memberships().stream().map(UserDocument.Membership::organizationId).toList();
        return connections.findByOrganizationIdInOrderByNameAsc(ids);
    }

    /** A connection the caller may see; 404 otherwise. */
    public ConnectionDocument get(Caller caller, String id) {
        ConnectionDocument connection = connections.findById(id).orElseThrow(() -> ApiException.notFound("Connection " + id));
        if (!access.canSee(caller, connection.organizationId())) {
            throw ApiException.notFound("Connection " + id);
        }
        return connection;
    }

    ConnectionDocument administered(Caller caller, String id) {
        ConnectionDocument connection = get(caller, id);
        access.requireAdministrator(caller, connection.organizationId());
        return connection;
    }

    public ConnectionDocument create(Caller caller, ConnectionRequest request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        String organizationId = access.organizationForNew(caller, request.organizationID());
        access.requireAdministrator(caller, organizationId);
        List<FieldError> errors = new ArrayList<>(checkNames(request));
        if (request.type() == null || request.type().isBlank()) {
            errors.add(new FieldError("type", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        AppConnector connector = connector(request.type());
        Stored stored = settings.validate(connector, request.settings(), paths);
        ConnectionDocument connection = new ConnectionDocument(UUID.randomUUID().toString(), organizationId,
                request.name().trim(), request.description(), connector.typeId(), stored.settings(), stored.secrets(),
                caller.userId(), clock.instant(), clock.instant());
        return insert(connection);
    }

    public ConnectionDocument update(Caller caller, String id, ConnectionRequest request) {
        ConnectionDocument existing = administered(caller, id);
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>(checkNames(request));
        if (request.type() != null && !request.type().equals(existing.type())) {
            errors.add(new FieldError("type", "cannot be changed; create another connection"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        AppConnector connector = connector(existing.type());
        Stored stored = settings.validateUpdate(connector, request.settings(), existing.secrets(), paths);
        ConnectionDocument updated = new ConnectionDocument(existing.id(), existing.organizationId(), request.name().trim(),
                request.description(), existing.type(), stored.settings(), stored.secrets(), existing.createdBy(),
                existing.createdAt(), clock.instant());
        try {
            return connections.save(updated);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A connection named '" + updated.name() + "' already exists in this organization");
        }
    }

    public void delete(Caller caller, String id) {
        ConnectionDocument connection = administered(caller, id);
        connections.deleteById(connection.id());
    }

    public ConnectionTestResult test(Caller caller, String id) {
        ConnectionDocument connection = administered(caller, id);
        Optional<AppConnector> connector = plugins.extension(AppConnector.class, connection.type());
        if (connector.isEmpty()) {
            return ConnectionTestResult.failed("No connector of type " + connection.type() + " is installed");
        }
        try {
            return connector.get().test(config(connector.get(), connection));
        } catch (InvalidConfigException e) {
            return ConnectionTestResult.failed("The stored settings no longer fit the connector: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Testing connection {} failed", connection.id(), e);
            return ConnectionTestResult.failed("The connector failed: " + e.getMessage());
        }
    }

    /** The connections of an organization, without access checks: for services that already made them. */
    public List<ConnectionDocument> ofOrganization(String organizationId) {
        return connections.findByOrganizationIdOrderByNameAsc(organizationId);
    }

    /** The installed connector of a connection's type, if any. */
    public Optional<AppConnector> connectorOf(ConnectionDocument connection) {
        return plugins.extension(AppConnector.class, connection.type());
    }

    /**
     * The connection's settings with its secrets decrypted, validated again against the connector.
     *
     * @throws InvalidConfigException when the connector's fields changed and the stored settings no longer fit
     */
    public Config config(AppConnector connector, ConnectionDocument connection) {
        return settings.bind(connector, connection.settings(), connection.secrets());
    }

    /**
     * Registers the connector's bundled demo apps in an organization, once: a connection named
     * {@code name} of that type. Does nothing when one with that name exists or the connector is not
     * installed or has no demo apps.
     *
     * @return the connection, existing or new, if any
     */
    public Optional<ConnectionDocument> registerDemo(String organizationId, String type, String name,
            java.nio.file.Path folder, String createdBy) {
        Optional<ConnectionDocument> existing = connections.findByOrganizationIdAndName(organizationId, name);
        if (existing.isPresent()) {
            return existing;
        }
        Optional<AppConnector> connector = plugins.extension(AppConnector.class, type);
        if (connector.isEmpty()) {
            log.warn("No {} connector is installed: the demo apps are not registered", type);
            return Optional.empty();
        }
        Optional<Map<String, Object>> demo = connector.get().demoSettings(folder);
        if (demo.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = this.settings.validate(connector.get(), demo.get(), paths);
        ConnectionDocument connection = new ConnectionDocument(UUID.randomUUID().toString(), organizationId, name,
                "The apps bundled with the server", connector.get().typeId(), stored.settings(), stored.secrets(), createdBy,
                clock.instant(), clock.instant());
        try {
            return Optional.of(connections.insert(connection));
        } catch (DuplicateKeyException anotherNodeWon) {
            return connections.findByOrganizationIdAndName(organizationId, name);
        }
    }

    private ConnectionDocument insert(ConnectionDocument connection) {
        try {
            return connections.insert(connection);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A connection named '" + connection.name() + "' already exists in this organization");
        }
    }

    private static List<FieldError> checkNames(ConnectionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (request.name().trim().length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        } else if (request.name().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must not contain control characters"));
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        return errors;
    }

    private AppConnector connector(String type) {
        return plugins.extension(AppConnector.class, type).orElseThrow(() -> ApiException.invalid("type",
                "no connector of type '" + (type.length() > 50 ? type.substring(0, 50) + "..." : type) + "' is installed"));
    }
}
