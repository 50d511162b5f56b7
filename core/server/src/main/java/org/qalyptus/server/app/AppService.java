package org.qalyptus.server.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.connection.ConnectionDocument;
import org.qalyptus.server.connection.ConnectionService;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppConnector;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The apps of an organization, through its connections, and sessions on them for the features that read
 * app data (reports, filters, conditions, executions). A connection whose connector is missing or
 * failing is skipped with a warning, so one broken connection does not hide the others' apps.
 */
@Service
public class AppService {

    private static final Logger log = LoggerFactory.getLogger(AppService.class);

    private final ConnectionService connections;
    private final OrganizationAccess access;
    private final OrganizationRepository organizations;

    AppService(ConnectionService connections, OrganizationAccess access, OrganizationRepository organizations) {
        this.connections = connections;
        this.access = access;
        this.organizations = organizations;
    }

    /** The apps of an organization the caller belongs to (404 otherwise). */
    public List<OrganizationApp> apps(Caller caller, String organizationId) {
        if (organizations.findById(organizationId).isEmpty()) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        access.requireMember(caller, organizationId);
        return apps(organizationId);
    }

    /** The apps of an organization, without access checks. */
    public List<OrganizationApp> apps(String organizationId) {
        List<OrganizationApp> apps = new ArrayList<>();
        for (ConnectionDocument connection : connections.ofOrganization(organizationId)) {
            for (AppInfo app : listApps(connection)) {
                apps.add(new OrganizationApp(app.id(), app.name(), app.description(), app.lastReloadTime(), connection.id(),
                        connection.name(), connection.type()));
            }
        }
        return apps;
    }

    private List<AppInfo> listApps(ConnectionDocument connection) {
        Optional<AppConnector> connector = connections.connectorOf(connection);
        if (connector.isEmpty()) {
            log.warn("Connection {} ({}): no connector of type {} is installed", connection.name(), connection.id(), connection.type());
            return List.of();
        }
        try {
            return connector.get().listApps(connections.config(connector.get(), connection));
        } catch (ExtensionException | InvalidConfigException e) {
            log.warn("Connection {} ({}): apps cannot be listed: {}", connection.name(), connection.id(), e.getMessage());
            return List.of();
        }
    }

    /** Opens an app of an organization the caller belongs to; 404 when the organization or app is not visible. */
    public AppSession open(Caller caller, String organizationId, String appId) {
        access.requireMember(caller, organizationId);
        return open(organizationId, appId);
    }

    /**
     * Opens an app through the connection of the organization that serves it. The caller closes the session.
     *
     * @throws ApiException 404 when no connection of the organization serves the app
     * @throws ExtensionException when the connector cannot open it, or when the app is not among the apps listed and
     *     a connection could not list its apps: then the message says why (refused credentials, unreachable host, TLS),
     *     as the app is most likely behind that connection
     */
    public AppSession open(String organizationId, String appId) {
        Located located = locate(organizationId, appId, "opened")
                .orElseThrow(() -> ApiException.notFound("App " + appId));
        return located.connector().open(connections.config(located.connector(), located.connection()), appId);
    }

    /**
     * The organization's app with this id, when a connection lists it; empty when none does.
     *
     * @throws ExtensionException when no connection lists it and a connection could not list its apps, saying why
     */
    public Optional<OrganizationApp> find(String organizationId, String appId) {
        return locate(organizationId, appId, "found").map(located -> new OrganizationApp(located.app().id(),
                located.app().name(), located.app().description(), located.app().lastReloadTime(), located.connection().id(),
                located.connection().name(), located.connection().type()));
    }

    private record Located(ConnectionDocument connection, AppConnector connector, AppInfo app) {}

    /** The first connection listing the app; when none does, the connections that could not list theirs are the error. */
    private Optional<Located> locate(String organizationId, String appId, String what) {
        List<String> unlisted = new ArrayList<>();
        boolean retryable = false;
        for (ConnectionDocument connection : connections.ofOrganization(organizationId)) {
            Optional<AppConnector> connector = connections.connectorOf(connection);
            if (connector.isEmpty()) {
                continue;
            }
            List<AppInfo> listed;
            try {
                listed = connector.get().listApps(connections.config(connector.get(), connection));
            } catch (ExtensionException e) {
                unlisted.add("connection '" + connection.name() + "' cannot list its apps: " + e.getMessage());
                retryable |= e.isRetryable();
                continue;
            } catch (InvalidConfigException e) {
                unlisted.add("connection '" + connection.name() + "' has settings that no longer fit its connector: " + e.getMessage());
                continue;
            }
            Optional<AppInfo> app = listed.stream().filter(a -> a.id().equals(appId)).findFirst();
            if (app.isPresent()) {
                return Optional.of(new Located(connection, connector.get(), app.get()));
            }
        }
        if (!unlisted.isEmpty()) {
            throw new ExtensionException("App " + appId + " cannot be " + what + ": " + String.join("; ", unlisted), retryable);
        }
        return Optional.empty();
    }
}
