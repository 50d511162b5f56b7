package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.server.audit.AuditEntryDocument;
import org.qalyptus.server.audit.AuditService;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.connection.ConnectionAppService;
import org.qalyptus.server.connection.ConnectionDocument;
import org.qalyptus.server.connection.ConnectionRequest;
import org.qalyptus.server.connection.ConnectionService;
import org.qalyptus.server.execution.EventSigning;
import org.qalyptus.server.execution.ExecutionViews;
import org.qalyptus.server.execution.HubService;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.graphql.Connections.Page;
import org.qalyptus.server.mail.SmtpSettingsRequest;
import org.qalyptus.server.mail.SmtpSettingsService;
import org.qalyptus.server.mail.SmtpTest;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Our routes beyond the reference: connections, the hub, app event signing, the audit log and SMTP
 * settings. The same service calls as their REST controllers; files stay REST (uploads are multipart,
 * downloads are bytes).
 */
@Controller
class ExtensionsGraphql {

    private final ConnectionService connections;
    private final ConnectionAppService connectionApps;
    private final HubService hub;
    private final EventSigning signing;
    private final AuditService audit;
    private final SmtpSettingsService smtp;

    ExtensionsGraphql(ConnectionService connections, ConnectionAppService connectionApps, HubService hub,
            EventSigning signing, AuditService audit, SmtpSettingsService smtp) {
        this.connections = connections;
        this.connectionApps = connectionApps;
        this.hub = hub;
        this.signing = signing;
        this.audit = audit;
        this.smtp = smtp;
    }

    // ---- connections ----

    @QueryMapping
    ConnectionDocument connection(@ContextValue Caller caller, @Argument String id) {
        return connections.get(caller, Inputs.uuid(Map.of("id", id), "id", "Connection"));
    }

    @MutationMapping
    Map<String, Object> createConnection(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("connection", () -> connections.create(caller, connectionRequest(input,
                Inputs.id(input, "organizationId", "Organization"))));
    }

    @MutationMapping
    Map<String, Object> updateConnection(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("connection", () -> connections.update(caller, Inputs.uuid(input, "id", "Connection"),
                connectionRequest(input, null)));
    }

    @MutationMapping
    Map<String, Object> deleteConnection(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            String id = Inputs.uuid(input, "id", "Connection");
            connections.delete(caller, id);
            return List.of(id);
        });
    }

    @MutationMapping
    Map<String, Object> testConnection(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("result", () -> connections.test(caller, Inputs.uuid(input, "id", "Connection")));
    }

    @MutationMapping
    Map<String, Object> removeConnectionApp(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("connection", () -> {
            String id = Inputs.uuid(input, "id", "Connection");
            String appId = Inputs.string(input, "appId");
            if (appId.length() > 200) {
                throw ApiException.invalid("appId", "An app id has at most 200 characters");
            }
            connectionApps.remove(caller, id, appId);
            return connections.get(caller, id);
        });
    }

    /** The REST body: settings as the connector's fields name them, their values as text. */
    private static ConnectionRequest connectionRequest(Map<String, Object> input, String organizationId) {
        Map<String, Object> settings = null;
        if (input.get("settings") instanceof List<?> given) {
            settings = new LinkedHashMap<>();
            for (Object o : given) {
                @SuppressWarnings("unchecked")
                Map<String, Object> setting = (Map<String, Object>) o;
                settings.put(Inputs.string(setting, "name"), setting.get("value"));
            }
        }
        return new ConnectionRequest(Inputs.string(input, "name"), Inputs.string(input, "description"),
                Inputs.string(input, "type"), organizationId, settings);
    }

    // ---- hub ----

    @QueryMapping
    Connection<ExecutionViews.HubFile> hubFiles(@ContextValue Caller caller, @Argument String taskId,
            DataFetchingEnvironment env) {
        Page page = ContentGraphqlController.page(env);
        return Connections.of(hub.files(caller, taskId == null ? null : GlobalId.plain(taskId, "Task")),
                ExecutionViews.HubFile::id, page);
    }

    // ---- app event signing ----

    @QueryMapping
    EventSigning.SecretView eventSigning(@ContextValue Caller caller, @Argument String organizationId) {
        return signing.status(caller, GlobalId.plain(organizationId, "Organization"));
    }

    @MutationMapping
    Map<String, Object> rotateEventSigningSecret(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("eventSigning", () -> signing.rotate(caller, Inputs.id(input, "organizationId", "Organization")));
    }

    @MutationMapping
    Map<String, Object> removeEventSigningSecret(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("eventSigning", () -> {
            String organization = Inputs.id(input, "organizationId", "Organization");
            signing.remove(caller, organization);
            return signing.status(caller, organization);
        });
    }

    // ---- audit log ----

    @QueryMapping
    Connection<AuditEntryDocument> auditLog(@ContextValue Caller caller, @Argument String organizationId,
            @Argument String action, @Argument String outcome, @Argument String email,
            @Argument Map<String, Object> createdAt, DataFetchingEnvironment env) {
        Page page = ContentGraphqlController.page(env);
        AuditService.Filter filter = new AuditService.Filter(
                organizationId == null ? null : Inputs.uuid(Map.of("id", organizationId), "id", "Organization"), action,
                outcome, email, createdAt == null ? null : (Instant) createdAt.get("from"),
                createdAt == null ? null : (Instant) createdAt.get("to"));
        return OffsetPages.window(page, (skip, limit) -> {
            AuditService.Window window = audit.window(caller, filter, skip, limit);
            return new OffsetPages.Slice<>(window.entries(), window.total());
        });
    }

    @SchemaMapping(typeName = "AuditEntry", field = "createdDate")
    Instant auditCreated(AuditEntryDocument entry) {
        return entry.createdAt();
    }

    // ---- SMTP settings ----

    @QueryMapping
    Object smtpSettings(@ContextValue Caller caller, @Argument String organizationId) {
        return smtp.get(caller, organization(organizationId));
    }

    @MutationMapping
    Map<String, Object> setSmtpSettings(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("smtpSettings", () -> smtp.put(caller, organization(Inputs.string(input, "organizationId")),
                Inputs.body(input, SmtpSettingsRequest.class, "organizationId")));
    }

    @MutationMapping
    Map<String, Object> deleteSmtpSettings(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("smtpSettings", () -> smtp.delete(caller, organization(Inputs.string(input, "organizationId"))));
    }

    @MutationMapping
    Map<String, Object> testSmtpSettings(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("result", () -> smtp.test(caller, organization(Inputs.string(input, "organizationId")),
                new SmtpTest.Request(Inputs.string(input, "to"))));
    }

    /** An organization id as REST's UUID path variable takes it. */
    private static String organization(String given) {
        return Inputs.uuid(Map.of("id", given), "id", "Organization");
    }
}
