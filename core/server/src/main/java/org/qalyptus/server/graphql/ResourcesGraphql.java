package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.connection.ConnectionDocument;
import org.qalyptus.server.connection.ConnectionService;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.identity.IdentityProviderDocument;
import org.qalyptus.server.identity.IdentityProviderService;
import org.qalyptus.server.license.LicenseService;
import org.qalyptus.server.storageservice.StorageServiceService;
import org.qalyptus.server.storageservice.StorageServiceView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Reading storage services, connections, identity providers and licenses; the REST routes' service calls. */
@Controller
class ResourcesGraphql {

    /** Settings as name/value text; the services already leave secrets out of these maps. */
    record SettingView(String name, String value) {}

    private final StorageServiceService storageServices;
    private final ConnectionService connections;
    private final IdentityProviderService identityProviders;
    private final LicenseService licenses;

    ResourcesGraphql(StorageServiceService storageServices, ConnectionService connections,
            IdentityProviderService identityProviders, LicenseService licenses) {
        this.storageServices = storageServices;
        this.connections = connections;
        this.identityProviders = identityProviders;
        this.licenses = licenses;
    }

    static List<SettingView> settings(Map<String, Object> settings) {
        return settings == null ? List.of() : settings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new SettingView(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue()))).toList();
    }

    @QueryMapping
    Connection<StorageServiceView> storageServices(@ContextValue Caller caller, @Argument String search,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        String needle = search == null ? null : search.trim().toLowerCase(Locale.ROOT);
        return Connections.of(storageServices.list(caller).stream()
                .filter(s -> needle == null || s.name().toLowerCase(Locale.ROOT).contains(needle)).toList(),
                StorageServiceView::id, page);
    }

    @SchemaMapping(typeName = "StorageService", field = "settings")
    List<SettingView> storageServiceSettings(StorageServiceView service) {
        return settings(service.settings());
    }

    @QueryMapping
    Connection<ConnectionDocument> connections(@ContextValue Caller caller, @Argument String organizationId,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        return Connections.of(connections.list(caller,
                organizationId == null ? null : GlobalId.plain(organizationId, "Organization")), ConnectionDocument::id, page);
    }

    @SchemaMapping(typeName = "DataSource", field = "settings")
    List<SettingView> connectionSettings(ConnectionDocument connection) {
        return settings(connection.settings());
    }

    @SchemaMapping(typeName = "DataSource", field = "secretsSet")
    List<String> connectionSecrets(ConnectionDocument connection) {
        return connection.secrets() == null ? List.of() : connection.secrets().keySet().stream().sorted().toList();
    }

    @QueryMapping
    Connection<IdentityProviderDocument> identityProviders(@ContextValue Caller caller, DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        return Connections.of(identityProviders.list(caller), IdentityProviderDocument::id, page);
    }

    @SchemaMapping(typeName = "IdentityProvider", field = "isClientSecretSet")
    boolean clientSecretSet(IdentityProviderDocument provider) {
        return provider.encryptedClientSecret() != null;
    }

    @QueryMapping
    LicenseService.LicenseInfo licenses(@ContextValue Caller caller) {
        return licenses.info(caller);
    }
}
