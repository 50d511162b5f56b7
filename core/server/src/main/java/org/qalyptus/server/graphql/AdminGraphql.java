package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.qalyptus.server.apikey.ApiKeyDocument;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupService;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationService;
import org.qalyptus.server.project.ProjectService;
import org.qalyptus.server.project.ProjectView;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Reading organizations, users, groups and API keys; the REST routes' service calls, links batched. */
@Controller
class AdminGraphql {

    static final String ORGANIZATION = "organization";
    static final String GROUP = "group";
    static final String PROJECTS_OF_ORGANIZATION = "projectsOfOrganization";
    static final String GROUPS_OF_ORGANIZATION = "groupsOfOrganization";

    private final OrganizationService organizations;
    private final UserService users;
    private final GroupService groups;
    private final ApiKeyService apiKeys;

    AdminGraphql(OrganizationService organizations, UserService users, GroupService groups, ApiKeyService apiKeys,
            ProjectService projects, BatchLoaderRegistry registry) {
        this.organizations = organizations;
        this.users = users;
        this.groups = groups;
        this.apiKeys = apiKeys;
        registry.<String, OrganizationDocument>forName(ORGANIZATION).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> organizations.list(ContentLoaders.caller(env)).stream()
                        .filter(o -> ids.contains(o.id()))
                        .collect(Collectors.toMap(OrganizationDocument::id, Function.identity()))));
        registry.<String, GroupDocument>forName(GROUP).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> groups.list(ContentLoaders.caller(env)).stream()
                        .filter(g -> ids.contains(g.id()))
                        .collect(Collectors.toMap(GroupDocument::id, Function.identity()))));
        registry.<String, List<ProjectView>>forName(PROJECTS_OF_ORGANIZATION).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> grouped(projects.list(ContentLoaders.caller(env)), ids, ProjectView::organizationID)));
        registry.<String, List<GroupDocument>>forName(GROUPS_OF_ORGANIZATION).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> grouped(groups.list(ContentLoaders.caller(env)), ids, GroupDocument::organizationId)));
    }

    private static <T> Map<String, List<T>> grouped(List<T> all, java.util.Set<String> keys, Function<T, String> key) {
        Map<String, List<T>> byKey = new HashMap<>();
        keys.forEach(k -> byKey.put(k, new java.util.ArrayList<>()));
        all.forEach(t -> {
            List<T> list = byKey.get(key.apply(t));
            if (list != null) {
                list.add(t);
            }
        });
        return byKey;
    }

    private static boolean matches(String search, String... values) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String needle = search.trim().toLowerCase(Locale.ROOT);
        for (String value : values) {
            if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    @QueryMapping
    Connection<OrganizationDocument> organizations(@ContextValue Caller caller, @Argument String search,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        List<OrganizationDocument> all = organizations.list(caller).stream()
                .filter(o -> matches(search, o.name(), o.displayName()))
                .sorted(Comparator.comparing(OrganizationDocument::name).thenComparing(OrganizationDocument::id)).toList();
        return Connections.of(all, OrganizationDocument::id, page);
    }

    @QueryMapping
    Connection<UserDocument> users(@ContextValue Caller caller, @Argument String search, @Argument String status,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        List<UserDocument> all = users.list(caller).stream()
                .filter(u -> matches(search, u.displayName(), u.email()))
                .filter(u -> status == null || (u.status() != null && u.status().name().equalsIgnoreCase(status)))
                .sorted(Comparator.comparing((UserDocument u) -> String.valueOf(u.email())).thenComparing(UserDocument::id))
                .toList();
        return Connections.of(all, UserDocument::id, page);
    }

    @QueryMapping
    Connection<GroupDocument> groups(@ContextValue Caller caller, @Argument String organizationId, @Argument String search,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        List<GroupDocument> all = (organizationId == null ? groups.list(caller)
                : groups.listOf(caller, GlobalId.plain(organizationId, "Organization"))).stream()
                .filter(g -> matches(search, g.name()))
                .sorted(Comparator.comparing(GroupDocument::name).thenComparing(GroupDocument::id)).toList();
        return Connections.of(all, GroupDocument::id, page);
    }

    @QueryMapping
    Connection<ApiKeyDocument> apiKeys(@ContextValue Caller caller, DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        return Connections.of(apiKeys.list(caller), ApiKeyDocument::id, page);
    }

    @SchemaMapping(typeName = "Viewer", field = "user")
    UserDocument viewerUser(@ContextValue Caller caller) {
        return users.get(caller, caller.userId());
    }

    @SchemaMapping(typeName = "User", field = "name")
    String userName(UserDocument user) {
        return user.displayName();
    }

    @SchemaMapping(typeName = "User", field = "isTenantOwner")
    boolean userIsTenantOwner(UserDocument user) {
        return user.tenantOwner();
    }

    @SchemaMapping(typeName = "User", field = "groups")
    CompletableFuture<List<GroupDocument>> userGroups(UserDocument user, DataFetchingEnvironment env) {
        DataLoader<String, GroupDocument> loader = env.getDataLoader(GROUP);
        List<String> ids = user.memberships().stream().flatMap(m -> m.groupIds() == null ? java.util.stream.Stream.empty()
                : m.groupIds().stream()).distinct().toList();
        // groups the caller may not see load as null and are left out
        return loader.loadMany(ids).thenApply(found -> found.stream().filter(java.util.Objects::nonNull).toList());
    }

    @SchemaMapping(typeName = "Group", field = "organization")
    CompletableFuture<OrganizationDocument> groupOrganization(GroupDocument group, DataFetchingEnvironment env) {
        DataLoader<String, OrganizationDocument> loader = env.getDataLoader(ORGANIZATION);
        return loader.load(group.organizationId());
    }

    @SchemaMapping(typeName = "Organization", field = "projects")
    CompletableFuture<Connection<ProjectView>> organizationProjects(OrganizationDocument organization,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        DataLoader<String, List<ProjectView>> loader = env.getDataLoader(PROJECTS_OF_ORGANIZATION);
        return loader.load(organization.id()).thenApply(all -> Connections.of(all, ProjectView::id, page));
    }

    @SchemaMapping(typeName = "Organization", field = "groups")
    CompletableFuture<Connection<GroupDocument>> organizationGroups(OrganizationDocument organization,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        DataLoader<String, List<GroupDocument>> loader = env.getDataLoader(GROUPS_OF_ORGANIZATION);
        return loader.load(organization.id()).thenApply(all -> Connections.of(all, GroupDocument::id, page));
    }

    @SchemaMapping(typeName = "ApiKey", field = "expiryDate")
    Instant apiKeyExpiry(ApiKeyDocument key) {
        return key.expiresAt();
    }
}
