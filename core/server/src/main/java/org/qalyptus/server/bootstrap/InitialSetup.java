package org.qalyptus.server.bootstrap;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.auth.PasswordHasher;
import org.qalyptus.server.connection.ConnectionService;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.store.DataDirectory;
import org.qalyptus.server.tenant.TenantDocument;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the tenant on the first start against an empty store: the {@code default} organization with
 * its "All users" group, the tenant owner, the "Demo" project and an owner API key. Runs before the server accepts
 * requests. Exactly one node does it: it claims the tenant document with a conditional write; the
 * others wait for it. A setup interrupted by a crash is finished by the next start, reusing what was
 * already created.
 */
@Component
class InitialSetup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(InitialSetup.class);
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration WAIT_FOR_OTHER_NODE = Duration.ofMinutes(3);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final String GENERATED_EMAIL = "owner@qalyptus.local";
    static final String DEMO_CONNECTOR_TYPE = "Embedded";
    static final String DEMO_CONNECTION_NAME = "Demo apps";
    static final String DEMO_APPS_FOLDER = "demo-apps";

    private final MongoTemplate mongo;
    private final OrganizationRepository organizations;
    private final GroupRepository groups;
    private final UserRepository users;
    private final ApiKeyService apiKeys;
    private final DemoProject demoProject;
    private final PasswordHasher passwords;
    private final AdminProperties admin;
    private final DataDirectory dataDirectory;
    private final JsonMapper json;
    private final Clock clock;
    private final ConnectionService connections;

    InitialSetup(MongoTemplate mongo, OrganizationRepository organizations, GroupRepository groups,
            UserRepository users, ApiKeyService apiKeys, DemoProject demoProject, PasswordHasher passwords,
            AdminProperties admin, DataDirectory dataDirectory, JsonMapper json, Clock clock,
            ConnectionService connections) {
        this.mongo = mongo;
        this.organizations = organizations;
        this.groups = groups;
        this.users = users;
        this.apiKeys = apiKeys;
        this.demoProject = demoProject;
        this.passwords = passwords;
        this.admin = admin;
        this.dataDirectory = dataDirectory;
        this.json = json;
        this.clock = clock;
        this.connections = connections;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Instant deadline = clock.instant().plus(WAIT_FOR_OTHER_NODE);
        while (true) {
            Optional<TenantDocument> tenant = Optional.ofNullable(mongo.findById(TenantDocument.ID, TenantDocument.class));
            if (tenant.map(t -> t.setupCompletedAt() != null).orElse(false)) {
                log.info("Tenant set up on {}; nothing to create", tenant.get().setupCompletedAt());
                return;
            }
            Optional<TenantDocument> claimed = claim();
            if (claimed.isPresent()) {
                runSetup(claimed.get());
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("Another node has been setting up the tenant for too long");
            }
            log.info("Another node is setting up the tenant; waiting");
            sleep();
        }
    }

    private Optional<TenantDocument> claim() {
        Instant now = clock.instant();
        Query unclaimed = new Query(Criteria.where("_id").is(TenantDocument.ID)
                .and("setupCompletedAt").is(null)
                .orOperator(Criteria.where("setupClaimedUntil").is(null), Criteria.where("setupClaimedUntil").lt(now)));
        Update claim = new Update().set("setupClaimedUntil", now.plus(CLAIM)).setOnInsert("createdAt", now);
        try {
            return Optional.ofNullable(mongo.findAndModify(unclaimed, claim,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), TenantDocument.class));
        } catch (DuplicateKeyException heldByAnotherNode) {
            return Optional.empty();
        }
    }

    private void runSetup(TenantDocument tenant) {
        log.info("First start: setting up the tenant");
        OrganizationDocument organization = defaultOrganization();
        GroupDocument allUsers = allUsersGroup(organization);
        String password = ownerPassword();
        UserDocument owner = owner(tenant, organization, allUsers, password);
        registerDemoApps(organization, owner);
        demoProject.ensure(organization.id(), owner.id());
        ApiKeyService.IssuedApiKey key = apiKeys.issue(owner.id(), "Initial owner key",
                "Created on the first start", organization.id(), clock.instant().plus(ApiKeyService.MAX_LIFETIME));
        demoProject.ensureContent(organization.id(), DEMO_CONNECTION_NAME);
        InitialCredentials credentials = new InitialCredentials(owner.email(), password, key.key());
        credentials.writeTo(dataDirectory.path(), json);
        mongo.updateFirst(new Query(Criteria.where("_id").is(TenantDocument.ID)),
                new Update().set("setupCompletedAt", clock.instant()).set("ownerUserId", owner.id())
                        .unset("setupClaimedUntil"),
                TenantDocument.class);
        System.out.println(credentials.banner(dataDirectory.path()));
    }

    private OrganizationDocument defaultOrganization() {
        return organizations.findByName(OrganizationDocument.DEFAULT_NAME).orElseGet(() -> organizations.insert(
                new OrganizationDocument(UUID.randomUUID().toString(), OrganizationDocument.DEFAULT_NAME, "Qalyptus",
                        "The default organization", true, true, false, clock.instant())));
    }

    /**
     * The bundled demo apps (the "Sales demo" app of the embedded engine) as a connection of the default
     * organization. Idempotent: an interrupted setup finds the connection by name. A missing or failing
     * plugin is logged and does not stop the setup.
     */
    private void registerDemoApps(OrganizationDocument organization, UserDocument owner) {
        try {
            connections.registerDemo(organization.id(), DEMO_CONNECTOR_TYPE, DEMO_CONNECTION_NAME,
                    dataDirectory.resolve(DEMO_APPS_FOLDER), owner.id())
                    .ifPresent(c -> log.info("Demo apps registered as connection '{}'", c.name()));
        } catch (RuntimeException e) {
            log.warn("The demo apps could not be registered: {}", e.getMessage());
        }
    }

    private GroupDocument allUsersGroup(OrganizationDocument organization) {
        return groups.findByOrganizationIdAndIsDefaultTrue(organization.id()).orElseGet(() -> groups.insert(
                new GroupDocument(UUID.randomUUID().toString(), organization.id(), GroupDocument.ALL_USERS,
                        "Every member of the organization", true, clock.instant())));
    }

    /** Creates the owner, or resets the password of the one an interrupted setup created. */
    private UserDocument owner(TenantDocument tenant, OrganizationDocument organization, GroupDocument allUsers,
            String password) {
        String hash = passwords.hash(password);
        Optional<UserDocument> existing = Optional.ofNullable(tenant.ownerUserId()).flatMap(users::findById)
                .or(() -> users.findByEmail(ownerEmail()));
        if (existing.isPresent()) {
            return users.save(existing.get().withPasswordHash(hash));
        }
        Membership membership = new Membership(organization.id(), "Administrator", "Creator", List.of(allUsers.id()));
        UserDocument owner = users.insert(new UserDocument(UUID.randomUUID().toString(), ownerEmail(), "Tenant", "Owner",
                hash, UserStatus.Active, "User", true, true, List.of(membership), "en", "UTC", clock.instant()));
        mongo.updateFirst(new Query(Criteria.where("_id").is(TenantDocument.ID)),
                new Update().set("ownerUserId", owner.id()), TenantDocument.class);
        return owner;
    }

    private String ownerEmail() {
        if (admin.email() == null || admin.email().isBlank()) {
            return GENERATED_EMAIL;
        }
        String email = admin.email().trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new IllegalStateException("QALYPTUS_ADMIN_EMAIL is not an email address: " + admin.email());
        }
        return email;
    }

    private String ownerPassword() {
        if (admin.password() == null || admin.password().isEmpty()) {
            return generatedPassword();
        }
        if (admin.password().length() < 8) {
            throw new IllegalStateException("QALYPTUS_ADMIN_PASSWORD must have at least 8 characters");
        }
        return admin.password();
    }

    private static String generatedPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another node to set up the tenant", e);
        }
    }
}
