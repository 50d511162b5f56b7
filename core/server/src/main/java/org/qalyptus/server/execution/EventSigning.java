package org.qalyptus.server.execution;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.web.ApiException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Signed app reload events. An organization's administrators may make a signing secret (shown once, stored
 * encrypted); from then on the organization's tasks run on an event only when the request carries a valid
 * HMAC-SHA256 of its raw body under that secret, hex-encoded, in {@code X-Qalyptus-Signature: sha256=<hex>} or, as
 * Qlik Cloud webhooks send it, in {@code Qlik-Signature: <hex>}. Organizations without a secret accept unsigned
 * events as before (the route is authenticated either way).
 */
@Service
public class EventSigning {

    static final String HEADER = "X-Qalyptus-Signature";
    static final String QLIK_HEADER = "Qlik-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final OrganizationAccess access;
    private final SecretCipher cipher;
    private final Clock clock;

    EventSigning(MongoTemplate mongo, OrganizationAccess access, SecretCipher cipher, Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** What the configuration routes answer; {@code secret} only when it was just made. */
    public record SecretView(String organizationID, boolean isSet, java.time.Instant createdAt, String secret, List<String> headers) {}

    public SecretView status(Caller caller, String organizationId) {
        administered(caller, organizationId);
        EventSecretDocument found = mongo.findById(organizationId, EventSecretDocument.class);
        return new SecretView(organizationId, found != null, found == null ? null : found.createdAt(), null,
                List.of(HEADER, QLIK_HEADER));
    }

    /** Makes a new secret (replacing any previous one: events signed with it are refused from now on). */
    public SecretView rotate(Caller caller, String organizationId) {
        administered(caller, organizationId);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        EventSecretDocument saved = mongo.save(new EventSecretDocument(organizationId, cipher.encrypt(secret), clock.instant(),
                caller.userId()));
        return new SecretView(organizationId, true, saved.createdAt(), secret, List.of(HEADER, QLIK_HEADER));
    }

    public void remove(Caller caller, String organizationId) {
        administered(caller, organizationId);
        mongo.remove(new Query(Criteria.where("_id").is(organizationId)), EventSecretDocument.class);
    }

    /**
     * The organizations an event may run tasks in: those without a secret, and those whose secret signed the body.
     *
     * @throws ApiException 401 when a signature is given but matches no secret of the caller's organizations, or
     *     when none is given and every one of them requires it
     */
    Set<String> allowedOrganizations(Collection<String> visible, byte[] body, String qalyptusSignature, String qlikSignature) {
        Optional<byte[]> given = signature(qalyptusSignature, HEADER).or(() -> signature(qlikSignature, QLIK_HEADER));
        List<EventSecretDocument> secrets = visible.isEmpty() ? List.of()
                : mongo.find(new Query(Criteria.where("_id").in(visible)), EventSecretDocument.class);
        Set<String> allowed = new LinkedHashSet<>(visible);
        boolean matched = false;
        for (EventSecretDocument secret : secrets) {
            boolean valid = given.isPresent() && MessageDigest.isEqual(given.get(), hmac(cipher.decrypt(secret.secret()), body));
            matched |= valid;
            if (!valid) {
                allowed.remove(secret.organizationId());
            }
        }
        if (given.isPresent() && !matched) {
            throw ApiException.unauthorized("The event's signature does not match the signing secret of any of your organizations");
        }
        if (given.isEmpty() && !secrets.isEmpty() && allowed.isEmpty()) {
            throw ApiException.unauthorized("Your organizations require signed events: send " + HEADER
                    + ": sha256=<HMAC-SHA256 of the body, hex> (or " + QLIK_HEADER + ")");
        }
        return allowed;
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256=<64 hex>} or bare hex, any case. @throws ApiException 401 when present but not of that form */
    private static Optional<byte[]> signature(String header, String name) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            value = value.substring("sha256=".length());
        }
        if (value.length() != 64) {
            throw ApiException.unauthorized(name + " must be sha256=<64 hexadecimal digits>");
        }
        try {
            return Optional.of(HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized(name + " must be sha256=<64 hexadecimal digits>");
        }
    }

    private void administered(Caller caller, String organizationId) {
        if (organizationId == null || !organizationId.matches("[0-9a-fA-F-]{36}")
                || !mongo.exists(new Query(Criteria.where("_id").is(organizationId)), OrganizationDocument.class)) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        access.requireAdministrator(caller, organizationId);
    }
}
