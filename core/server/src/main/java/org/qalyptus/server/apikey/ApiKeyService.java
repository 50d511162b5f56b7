package org.qalyptus.server.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.qalyptus.server.apikey.ApiKeyRequests.CreateApiKey;
import org.qalyptus.server.apikey.ApiKeyRequests.UpdateApiKey;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.auth.CallerAuthenticator;
import org.qalyptus.server.auth.OpaqueToken;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.RequestValidator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Issues API keys, lets users manage their own, and authenticates requests that carry one.
 *
 * <p>Keys are personal credentials: through the API a user lists and manages only their own keys, tenant
 * administrators included. An administrator who must cut a user's keys disables or deletes the user (every
 * key stops working at once) or removes them from the organization (their keys for it are deleted). A
 * caller authenticated with a key limited to organization A sees only the keys for A.
 */
@Service
public class ApiKeyService implements CallerAuthenticator {

    static final String PREFIX = "qak_";
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    static final int MAX_KEYS_PER_USER = 1000;
    /** Clients send midnight of a date or a time of day; a day of slack keeps "365 days from now" acceptable. */
    private static final Duration LIFETIME_SLACK = Duration.ofDays(1);

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final OrganizationAccess access;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final RequestValidator validator;

    ApiKeyService(ApiKeyRepository keys, UserRepository users, OrganizationRepository organizations,
            OrganizationAccess access, MongoTemplate mongo, Clock clock, RequestValidator validator) {
        this.validator = validator;
        this.keys = keys;
        this.users = users;
        this.organizations = organizations;
        this.access = access;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A new key: {@code key} is the only copy of the secret and must be shown to its owner once. */
    public record IssuedApiKey(ApiKeyDocument document, String key) {}

    /** Creates a key for the caller, limited to an organization the caller can see; invalid requests are 400 first. */
    public IssuedApiKey create(Caller caller, CreateApiKey request) {
        validator.valid(request);
        return create(caller, request.name().trim(), request.description(), request.organizationID().toString(),
                request.expiryDate().toInstant());
    }

    private IssuedApiKey create(Caller caller, String name, String description, String organizationId, Instant expiresAt) {
        if (organizations.findById(organizationId).isEmpty()) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        access.requireMember(caller, organizationId);
        return issue(caller.userId(), name, description, organizationId, expiresAt);
    }

    /** Issues a key without checking the owner's access (first-start setup and the checked {@link #create}). */
    public IssuedApiKey issue(String userId, String name, String description, String organizationId, Instant expiresAt) {
        Instant now = clock.instant();
        if (expiresAt == null) {
            throw ApiException.invalid("expiryDate", "is required");
        }
        if (!expiresAt.isAfter(now)) {
            throw ApiException.invalid("expiryDate", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(LIFETIME_SLACK))) {
            throw ApiException.invalid("expiryDate", "must be at most 365 days ahead");
        }
        reserveQuota(userId);
        OpaqueToken token = OpaqueToken.generate(PREFIX);
        ApiKeyDocument document = new ApiKeyDocument(token.id().toString(), userId, name, description,
                organizationId, token.secretHash(), expiresAt, now);
        try {
            keys.insert(document);
        } catch (RuntimeException e) {
            releaseQuota(userId, 1);
            throw e;
        }
        return new IssuedApiKey(document, token.encode());
    }

    /** The caller's keys, newest first; only those of the caller's organization when the credential is limited. */
    public List<ApiKeyDocument> list(Caller caller) {
        return keys.findByUserIdOrderByCreatedAtDesc(caller.userId()).stream()
                .filter(key -> visibleTo(caller, key))
                .toList();
    }

    /** One of the caller's keys; 404 for keys of other users and keys outside the caller's organization. */
    public ApiKeyDocument get(Caller caller, String id) {
        return keys.findById(id).filter(key -> visibleTo(caller, key))
                .orElseThrow(() -> ApiException.notFound("API key " + id));
    }

    /** Renames one of the caller's keys or changes its description. */
    public ApiKeyDocument update(Caller caller, String id, UpdateApiKey request) {
        validator.valid(request);
        return update(caller, id, request.name().trim(), request.description());
    }

    private ApiKeyDocument update(Caller caller, String id, String name, String description) {
        ApiKeyDocument key = get(caller, id);
        ApiKeyDocument updated = new ApiKeyDocument(key.id(), key.userId(), name, description, key.organizationId(),
                key.secretHash(), key.expiresAt(), key.createdAt());
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)),
                new Update().set("name", name).set("description", description), ApiKeyDocument.class);
        return updated;
    }

    public void delete(Caller caller, String id) {
        deleteAll(caller, List.of(id));
    }

    /** Deletes every listed key of the caller, or none when one of them is not the caller's (404). */
    public void deleteAll(Caller caller, List<String> ids) {
        List<ApiKeyDocument> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            found.add(get(caller, id));
        }
        found.forEach(this::remove);
    }

    /** Deletes the keys limited to an organization (the organization is being deleted). */
    public void revokeForOrganization(String organizationId) {
        keys.findByOrganizationId(organizationId).forEach(this::remove);
    }

    /** Deletes the user's keys for an organization (they left it). */
    public void revokeForUserInOrganization(String userId, String organizationId) {
        keys.findByUserIdAndOrganizationId(userId, organizationId).forEach(this::remove);
    }

    /** Deletes every key of the user (the user is being deleted). */
    public void revokeForUser(String userId) {
        keys.findByUserId(userId).forEach(key -> keys.deleteById(key.id()));
        mongo.remove(new Query(Criteria.where("_id").is(userId)), ApiKeyQuotaDocument.class);
    }

    private void remove(ApiKeyDocument key) {
        if (mongo.remove(new Query(Criteria.where("_id").is(key.id())), ApiKeyDocument.class).getDeletedCount() == 1) {
            releaseQuota(key.userId(), 1);
        }
    }

    private boolean visibleTo(Caller caller, ApiKeyDocument key) {
        return key.userId().equals(caller.userId())
                && caller.limitedToOrganization().map(limit -> limit.equals(key.organizationId())).orElse(true);
    }

    /**
     * Takes one unit of the user's quota with a single conditional write. When the counter says the quota is
     * used up, it is recounted from the keys once (a crash between reserving and inserting leaves it one too
     * high), so the limit is exact in steady state and never exceeded under concurrency.
     */
    private void reserveQuota(String userId) {
        if (tryReserve(userId)) {
            return;
        }
        long actual = keys.countByUserId(userId);
        mongo.updateFirst(new Query(Criteria.where("_id").is(userId).and("count").gt(actual)),
                new Update().set("count", (int) actual), ApiKeyQuotaDocument.class);
        if (!tryReserve(userId)) {
            throw ApiException.conflict("A user may have at most " + MAX_KEYS_PER_USER + " API keys; delete some first");
        }
    }

    private boolean tryReserve(String userId) {
        Query belowLimit = new Query(Criteria.where("_id").is(userId).and("count").lt(MAX_KEYS_PER_USER));
        if (mongo.updateFirst(belowLimit, new Update().inc("count", 1), ApiKeyQuotaDocument.class).getModifiedCount() == 1) {
            return true;
        }
        if (mongo.exists(new Query(Criteria.where("_id").is(userId)), ApiKeyQuotaDocument.class)) {
            return false;
        }
        try {
            mongo.insert(new ApiKeyQuotaDocument(userId, 1));
            return true;
        } catch (DuplicateKeyException createdConcurrently) {
            return mongo.updateFirst(belowLimit, new Update().inc("count", 1), ApiKeyQuotaDocument.class)
                    .getModifiedCount() == 1;
        }
    }

    private void releaseQuota(String userId, int count) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(userId).and("count").gte(count)),
                new Update().inc("count", -count), ApiKeyQuotaDocument.class);
    }

    @Override
    public Optional<Caller> authenticate(String bearer) {
        Instant now = clock.instant();
        return OpaqueToken.parse(PREFIX, bearer)
                .flatMap(token -> keys.findById(token.id().toString()).filter(key -> token.matches(key.secretHash())))
                .filter(key -> key.expiresAt().isAfter(now))
                .flatMap(key -> users.findById(key.userId())
                        .filter(user -> user.status() == UserStatus.Active)
                        .map(user -> new Caller(user.id(), user.email(), key.organizationId(), Caller.Credential.API_KEY)));
    }
}
