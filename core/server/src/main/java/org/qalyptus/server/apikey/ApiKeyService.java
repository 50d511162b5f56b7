package org.qalyptus.server.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.auth.CallerAuthenticator;
import org.qalyptus.server.auth.OpaqueToken;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/** Issues API keys and authenticates requests that carry one. */
@Service
public class ApiKeyService implements CallerAuthenticator {

    static final String PREFIX = "qak_";
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    static final int MAX_KEYS_PER_USER = 1000;

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, UserRepository users, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.clock = clock;
    }

    /** A new key: {@code key} is the only copy of the secret and must be shown to its owner once. */
    public record IssuedApiKey(ApiKeyDocument document, String key) {}

    public IssuedApiKey issue(String userId, String name, String description, String organizationId, Instant expiresAt) {
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw ApiException.invalid("expiryDate", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(Duration.ofDays(1)))) {
            throw ApiException.invalid("expiryDate", "must be at most 365 days ahead");
        }
        if (keys.countByUserId(userId) >= MAX_KEYS_PER_USER) {
            throw ApiException.conflict("A user may have at most " + MAX_KEYS_PER_USER + " API keys");
        }
        OpaqueToken token = OpaqueToken.generate(PREFIX);
        ApiKeyDocument document = new ApiKeyDocument(token.id().toString(), userId, name, description,
                organizationId, token.secretHash(), expiresAt, now);
        keys.insert(document);
        return new IssuedApiKey(document, token.encode());
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
