package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupService;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationResources;
import org.qalyptus.server.organization.OrganizationService;
import org.qalyptus.server.user.UserService;
import org.qalyptus.server.user.UserViews;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.qalyptus.server.user.UserDocument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The fields of users, groups, organizations and API keys that REST shows beyond the first read types,
 * each link batched: one service call per field and level whatever the number of parents.
 */
@Controller
class AdminLinks {

    static final String MEMBERS_OF_GROUP = "membersOfGroup";
    static final String MEMBERS_OF_ORGANIZATION = "membersOfOrganization";
    static final String USER_VIEW = "userView";

    private final OrganizationService organizations;
    private final OrganizationResources resources;
    private final AppService apps;

    AdminLinks(BatchLoaderRegistry registry, GroupService groups, UserService users, OrganizationService organizations,
            OrganizationResources resources, AppService apps, UserViews views) {
        // the caller-dependent parts of users (license, roles) as REST computes them: one conversion per level
        registry.<UserDocument, UserViews.UserView>forName(USER_VIEW).registerMappedBatchLoader((keys, env) ->
                Mono.fromCallable(() -> {
                    var view = views.forCaller(ContentLoaders.caller(env));
                    java.util.Map<UserDocument, UserViews.UserView> byUser = new java.util.HashMap<>();
                    keys.forEach(u -> byUser.put(u, view.apply(u)));
                    return byUser;
                }));
        this.organizations = organizations;
        this.resources = resources;
        this.apps = apps;
        registry.<String, List<UserDocument>>forName(MEMBERS_OF_ORGANIZATION).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> users.membersOf(ContentLoaders.caller(env), ids)));
        registry.<GroupDocument, List<UserDocument>>forName(MEMBERS_OF_GROUP).registerMappedBatchLoader((keys, env) ->
                Mono.fromCallable(() -> groups.membersOf(keys)).map(byId -> {
                    java.util.Map<GroupDocument, List<UserDocument>> byGroup = new java.util.HashMap<>();
                    keys.forEach(g -> byGroup.put(g, byId.getOrDefault(g.id(), List.of())));
                    return byGroup;
                }));
    }

    // ---- groups ----

    private static CompletableFuture<List<UserDocument>> members(GroupDocument group, DataFetchingEnvironment env) {
        DataLoader<GroupDocument, List<UserDocument>> loader = env.getDataLoader(MEMBERS_OF_GROUP);
        return loader.load(group);
    }

    @SchemaMapping(typeName = "Group", field = "members")
    CompletableFuture<Connection<UserDocument>> groupMembers(GroupDocument group, DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        return members(group, env).thenApply(all -> Connections.of(all, UserDocument::id, page));
    }

    @SchemaMapping(typeName = "Group", field = "memberCount")
    CompletableFuture<Integer> groupMemberCount(GroupDocument group, DataFetchingEnvironment env) {
        return members(group, env).thenApply(List::size);
    }

    // ---- organizations ----

    private static CompletableFuture<List<UserDocument>> members(OrganizationDocument organization,
            DataFetchingEnvironment env) {
        DataLoader<String, List<UserDocument>> loader = env.getDataLoader(MEMBERS_OF_ORGANIZATION);
        return loader.load(organization.id());
    }

    @SchemaMapping(typeName = "Organization", field = "members")
    CompletableFuture<Connection<UserDocument>> organizationMembers(OrganizationDocument organization,
            DataFetchingEnvironment env) {
        var page = ContentGraphqlController.page(env);
        return members(organization, env).thenApply(all -> Connections.of(all, UserDocument::id, page));
    }

    @SchemaMapping(typeName = "Organization", field = "memberCount")
    CompletableFuture<Integer> organizationMemberCount(OrganizationDocument organization, DataFetchingEnvironment env) {
        return members(organization, env).thenApply(List::size);
    }

    @SchemaMapping(typeName = "Organization", field = "createdDate")
    java.time.Instant organizationCreated(OrganizationDocument organization) {
        return organization.createdAt();
    }

    @QueryMapping
    List<OrganizationResources.Resource> organizationResources(@ContextValue Caller caller,
            @Argument String organizationId) {
        return resources.of(caller, organization(organizationId));
    }

    @QueryMapping
    List<OrganizationApp> organizationQlikApps(@ContextValue Caller caller, @Argument String organizationId) {
        return apps.apps(caller, organization(organizationId));
    }

    @QueryMapping
    OrganizationService.Authentications organizationAuthentications(@ContextValue Caller caller,
            @Argument String organizationId) {
        return organizations.authentications(caller, organization(organizationId));
    }

    /** The plain id of an organization argument; 404 when it is not an organization's id, as REST's route. */
    private static String organization(String id) {
        return Inputs.uuid(java.util.Map.of("id", id), "id", "Organization");
    }

    // ---- API keys ----

    @SchemaMapping(typeName = "ApiKey", field = "isExpired")
    boolean apiKeyExpired(org.qalyptus.server.apikey.ApiKeyDocument key) {
        return !key.expiresAt().isAfter(java.time.Instant.now());
    }

    @SchemaMapping(typeName = "ApiKey", field = "createdDate")
    java.time.Instant apiKeyCreated(org.qalyptus.server.apikey.ApiKeyDocument key) {
        return key.createdAt();
    }

    @SchemaMapping(typeName = "ApiKey", field = "organization")
    CompletableFuture<OrganizationDocument> apiKeyOrganization(org.qalyptus.server.apikey.ApiKeyDocument key,
            DataFetchingEnvironment env) {
        if (key.organizationId() == null) {
            return CompletableFuture.completedFuture(null);
        }
        DataLoader<String, OrganizationDocument> loader = env.getDataLoader(AdminGraphql.ORGANIZATION);
        return loader.load(key.organizationId());
    }

    // ---- users ----

    private static CompletableFuture<UserViews.UserView> view(UserDocument user, DataFetchingEnvironment env) {
        DataLoader<UserDocument, UserViews.UserView> loader = env.getDataLoader(USER_VIEW);
        return loader.load(user);
    }

    @SchemaMapping(typeName = "User", field = "license")
    CompletableFuture<String> userLicense(UserDocument user, DataFetchingEnvironment env) {
        return view(user, env).thenApply(UserViews.UserView::license);
    }

    @SchemaMapping(typeName = "User", field = "tenantAdminRole")
    CompletableFuture<String> userTenantAdminRole(UserDocument user, DataFetchingEnvironment env) {
        return view(user, env).thenApply(UserViews.UserView::tenantAdminRole);
    }

    @SchemaMapping(typeName = "User", field = "organizationRoles")
    CompletableFuture<List<UserViews.OrganizationRole>> userOrganizationRoles(UserDocument user,
            DataFetchingEnvironment env) {
        return view(user, env).thenApply(UserViews.UserView::organizationRoles);
    }

    @SchemaMapping(typeName = "User", field = "createdDate")
    java.time.Instant userCreated(UserDocument user) {
        return user.createdAt();
    }
}
