package org.qalyptus.server.identity;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.identity.IdentityProviderRequests.CreateIdentityProvider;
import org.qalyptus.server.identity.IdentityProviderRequests.UpdateIdentityProvider;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.plugin.PluginHost;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.server.web.RequestValidator;
import org.qalyptus.spi.identity.IdentityProviderType;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The identity provider configuration of organizations (the login flow through it is another feature).
 * At most one per organization; only the organization's administrators see or change it; the client
 * secret is stored encrypted and never returned.
 */
@Service
public class IdentityProviderService {

    /** The OpenID Connect type, always accepted; plugins may add others. */
    public static final String OIDC = "Oidc";

    private final IdentityProviderRepository providers;
    private final OrganizationRepository organizations;
    private final OrganizationAccess access;
    private final SecretCipher cipher;
    private final PluginHost plugins;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final RequestValidator validator;

    IdentityProviderService(IdentityProviderRepository providers, OrganizationRepository organizations,
            OrganizationAccess access, SecretCipher cipher, PluginHost plugins, MongoTemplate mongo, Clock clock,
            RequestValidator validator) {
        this.validator = validator;
        this.mongo = mongo;
        this.providers = providers;
        this.organizations = organizations;
        this.access = access;
        this.cipher = cipher;
        this.plugins = plugins;
        this.clock = clock;
    }

    /** The settings of a provider; {@code clientSecret} is plain text here and null to keep the stored one on update. */
    public record Settings(String name, String description, String clientId, String clientSecret,
            String authorizationEndpoint, String accessTokenEndpoint, String userinfoEndpoint, String logoutEndpoint,
            String postLogoutRedirectUrl, String issuer, String jwksUri) {

        /** The settings of the reference's fields only (no issuer, no key set URL). */
        public Settings(String name, String description, String clientId, String clientSecret,
                String authorizationEndpoint, String accessTokenEndpoint, String userinfoEndpoint, String logoutEndpoint,
                String postLogoutRedirectUrl) {
            this(name, description, clientId, clientSecret, authorizationEndpoint, accessTokenEndpoint, userinfoEndpoint,
                    logoutEndpoint, postLogoutRedirectUrl, null, null);
        }
    }

    /** Creates the provider of an organization the caller administers; invalid requests are 400 first. */
    public IdentityProviderDocument create(Caller caller, CreateIdentityProvider request) {
        validator.valid(request);
        return create(caller, request.organizationID() == null ? null : request.organizationID().toString(),
                request.type(), request.settings());
    }

    /**
     * @param organizationId the organization asked for, or null to use the one the caller's API key is limited to
     */
    private IdentityProviderDocument create(Caller caller, String organizationId, String type, Settings settings) {
        String target = organizationId != null ? organizationId : caller.limitedToOrganization().orElseThrow(() ->
                ApiException.invalid("organizationID", "is required when the credential is not limited to an organization"));
        OrganizationDocument organization = organizations.findById(target)
                .orElseThrow(() -> ApiException.notFound("Organization " + target));
        access.requireAdministrator(caller, organization.id());
        String canonicalType = canonicalType(type);
        if (settings.clientSecret() == null || settings.clientSecret().isBlank()) {
            throw ApiException.invalid("clientSecret", "is required");
        }
        validate(settings);
        if (providers.findByOrganizationId(organization.id()).isPresent()) {
            throw conflictOneOnly();
        }
        Instant now = clock.instant();
        try {
            return providers.insert(new IdentityProviderDocument(UUID.randomUUID().toString(), organization.id(),
                    settings.name().trim(), settings.description(), canonicalType, settings.clientId().trim(),
                    cipher.encrypt(settings.clientSecret()), settings.authorizationEndpoint().trim(),
                    settings.accessTokenEndpoint().trim(), settings.userinfoEndpoint().trim(),
                    blankToNull(settings.logoutEndpoint()), blankToNull(settings.postLogoutRedirectUrl()), now, now,
                    blankToNull(settings.issuer()), blankToNull(settings.jwksUri())));
        } catch (DuplicateKeyException createdConcurrently) {
            throw conflictOneOnly();
        }
    }

    private static ApiException conflictOneOnly() {
        return ApiException.conflict("The organization already has an identity provider; an organization has at most one");
    }

    /** The providers of the organizations the caller administers. */
    public List<IdentityProviderDocument> list(Caller caller) {
        return providers.findByOrganizationIdIn(access.administeredOrganizationIds(caller));
    }

    /** 404 when the provider's organization is not visible to the caller, 403 when it is but not administered. */
    public IdentityProviderDocument get(Caller caller, String id) {
        IdentityProviderDocument provider = providers.findById(id)
                .filter(p -> access.canSee(caller, p.organizationId()))
                .orElseThrow(() -> ApiException.notFound("Identity provider " + id));
        access.requireAdministrator(caller, provider.organizationId());
        return provider;
    }

    /** Changes a provider; a clientSecret null or empty keeps the stored one. */
    public IdentityProviderDocument update(Caller caller, String id, UpdateIdentityProvider request) {
        validator.valid(request);
        return update(caller, id, request.settings());
    }

    private IdentityProviderDocument update(Caller caller, String id, Settings settings) {
        IdentityProviderDocument current = get(caller, id);
        validate(settings);
        String secret = settings.clientSecret() == null || settings.clientSecret().isEmpty()
                ? current.encryptedClientSecret() : cipher.encrypt(settings.clientSecret());
        return providers.save(new IdentityProviderDocument(current.id(), current.organizationId(), settings.name().trim(),
                settings.description(), current.type(), settings.clientId().trim(), secret,
                settings.authorizationEndpoint().trim(), settings.accessTokenEndpoint().trim(),
                settings.userinfoEndpoint().trim(), blankToNull(settings.logoutEndpoint()),
                blankToNull(settings.postLogoutRedirectUrl()), current.createdAt(), clock.instant(),
                blankToNull(settings.issuer()), blankToNull(settings.jwksUri())));
    }

    /**
     * Deletes the provider; refused (409) while it is the organization's only way to sign in. Sign-in through
     * it is turned off first with one conditional write, so a concurrent change of the authentications cannot
     * leave the organization without any.
     */
    public void delete(Caller caller, String id) {
        IdentityProviderDocument provider = get(caller, id);
        Query organization = new Query(Criteria.where("_id").is(provider.organizationId()).and("identityProviderAuth").is(true));
        if (mongo.exists(organization, OrganizationDocument.class)) {
            long turnedOff = mongo.updateFirst(new Query(Criteria.where("_id").is(provider.organizationId())
                            .and("qalyptusAuth").is(true)), new Update().set("identityProviderAuth", false),
                    OrganizationDocument.class).getModifiedCount();
            if (turnedOff == 0 && mongo.exists(organization, OrganizationDocument.class)) {
                throw ApiException.conflict("The organization signs in only through this identity provider; "
                        + "turn Qalyptus authentication on before deleting it");
            }
        }
        providers.deleteById(provider.id());
    }

    private String canonicalType(String type) {
        Set<String> known = new LinkedHashSet<>();
        known.add(OIDC);
        plugins.extensions(IdentityProviderType.class).forEach(t -> known.add(t.typeId()));
        String given = type == null ? "" : type.trim();
        if (given.equalsIgnoreCase("OpenID Connect") || given.equalsIgnoreCase("OpenIDConnect") || given.equalsIgnoreCase("oidc")) {
            return OIDC;
        }
        return known.stream().filter(k -> k.equalsIgnoreCase(given)).findFirst().orElseThrow(() ->
                ApiException.invalid("type", "must be one of " + String.join(", ", known)));
    }

    private static void validate(Settings settings) {
        List<FieldError> errors = new ArrayList<>();
        url(errors, "authorizationEndpoint", settings.authorizationEndpoint(), true);
        url(errors, "accessTokenEndpoint", settings.accessTokenEndpoint(), true);
        url(errors, "userinfoEndpoint", settings.userinfoEndpoint(), true);
        url(errors, "logoutEndpoint", settings.logoutEndpoint(), false);
        url(errors, "postLogoutRedirectUrl", settings.postLogoutRedirectUrl(), false);
        url(errors, "issuer", settings.issuer(), false);
        url(errors, "jwksUri", settings.jwksUri(), false);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static void url(List<FieldError> errors, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                errors.add(new FieldError(field, "must be an absolute http(s) URL"));
            }
        } catch (Exception e) {
            errors.add(new FieldError(field, "must be an absolute http(s) URL"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
