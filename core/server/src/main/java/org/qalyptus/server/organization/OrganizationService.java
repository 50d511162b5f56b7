package org.qalyptus.server.organization;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.group.GroupService;
import org.qalyptus.server.identity.IdentityProviderDocument;
import org.qalyptus.server.identity.IdentityProviderRepository;
import org.qalyptus.server.user.MembershipEditor;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.organization.OrganizationRequests.CreateOrganization;
import org.qalyptus.server.organization.OrganizationRequests.UpdateAuthentications;
import org.qalyptus.server.organization.OrganizationRequests.UpdateOrganization;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.RequestValidator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Organizations as the caller may see them: their own, or all of them for tenant administrators (only the
 * one an API key is limited to, through such a key). Tenant administrators create and delete organizations;
 * an organization's administrators change its details and authentication.
 */
@Service
public class OrganizationService {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    private final OrganizationRepository organizations;
    private final OrganizationAccess access;
    private final GroupService groupService;
    private final GroupRepository groups;
    private final UserRepository users;
    private final MembershipEditor memberships;
    private final ApiKeyService apiKeys;
    private final IdentityProviderRepository identityProviders;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final RequestValidator validator;

    OrganizationService(OrganizationRepository organizations, OrganizationAccess access, GroupService groupService,
            GroupRepository groups, UserRepository users, MembershipEditor memberships, ApiKeyService apiKeys,
            IdentityProviderRepository identityProviders, MongoTemplate mongo, Clock clock, RequestValidator validator) {
        this.validator = validator;
        this.organizations = organizations;
        this.access = access;
        this.groupService = groupService;
        this.groups = groups;
        this.users = users;
        this.memberships = memberships;
        this.apiKeys = apiKeys;
        this.identityProviders = identityProviders;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The organization, or 404 when it does not exist or is outside what the caller can see. */
    public OrganizationDocument get(Caller caller, String id) {
        OrganizationDocument organization = organizations.findById(id)
                .orElseThrow(() -> ApiException.notFound("Organization " + id));
        access.requireMember(caller, organization.id());
        return organization;
    }

    /** The organization, which the caller must administer (404 when invisible, 403 when only a member). */
    public OrganizationDocument administered(Caller caller, String id) {
        OrganizationDocument organization = get(caller, id);
        access.requireAdministrator(caller, id);
        return organization;
    }

    public List<OrganizationDocument> list(Caller caller) {
        return organizations.findAllById(access.visibleOrganizationIds(caller));
    }

    /** The organizations the caller's user is a member of (for an organization-limited key, that one only). */
    public List<OrganizationDocument> ofCallerUser(Caller caller) {
        UserDocument user = access.user(caller);
        return organizations.findAllById(user.memberships().stream().map(UserDocument.Membership::organizationId)
                .filter(id -> access.canSee(caller, id)).toList());
    }

    /** Creates an organization (tenant administrators); invalid requests are refused (400) before rights are checked. */
    public OrganizationDocument create(Caller caller, CreateOrganization request) {
        validator.valid(request);
        return create(caller, request.name(), request.displayName(), request.description(), request.themeID().toString());
    }

    private OrganizationDocument create(Caller caller, String name, String displayName, String description, String themeId) {
        access.requireTenantAdministrator(caller, "create organizations");
        String technical;
        boolean chosen = name != null && !name.isBlank();
        if (chosen) {
            technical = name.trim().toLowerCase(Locale.ROOT);
            if (!NAME.matcher(technical).matches()) {
                throw ApiException.invalid("name", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
        } else {
            technical = slug(displayName);
        }
        OrganizationDocument organization = null;
        for (int attempt = 1; organization == null; attempt++) {
            String candidate = attempt == 1 ? technical : technical + "-" + attempt;
            try {
                organization = organizations.insert(new OrganizationDocument(UUID.randomUUID().toString(), candidate,
                        displayName.trim(), description, false, true, false, clock.instant(), themeId));
            } catch (DuplicateKeyException taken) {
                if (chosen || attempt >= 50) {
                    throw ApiException.conflict("An organization named '" + candidate + "' already exists");
                }
            }
        }
        groupService.ensureAllUsersGroup(organization.id());
        return organization;
    }

    private static String slug(String displayName) {
        String slug = displayName.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
        if (slug.length() > 56) {
            slug = slug.substring(0, 56);
        }
        return slug.isEmpty() ? "organization" : slug;
    }

    public OrganizationDocument update(Caller caller, String id, UpdateOrganization request) {
        validator.valid(request);
        return update(caller, id, request.displayName(), request.description(), request.themeID().toString());
    }

    private OrganizationDocument update(Caller caller, String id, String displayName, String description, String themeId) {
        administered(caller, id);
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("displayName", displayName.trim())
                .set("description", description).set("themeId", themeId), OrganizationDocument.class);
        return organizations.findById(id).orElseThrow(() -> ApiException.notFound("Organization " + id));
    }

    /**
     * Deletes every listed organization, or none when one may not be deleted: the default organization, and
     * organizations that still hold projects or connections (delete those first, so that deleting an
     * organization never silently destroys reports and tasks).
     */
    public void deleteAll(Caller caller, Collection<String> ids) {
        List<OrganizationDocument> doomed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            OrganizationDocument organization = get(caller, id);
            access.requireTenantAdministrator(caller, "delete organizations");
            if (organization.isDefault()) {
                throw ApiException.conflict("The default organization cannot be deleted");
            }
            long projects = countIn("projects", id);
            long connections = countIn("connections", id);
            if (projects + connections > 0) {
                throw ApiException.conflict("Organization '" + organization.displayName() + "' still has " + projects
                        + " project(s) and " + connections + " connection(s); delete them first");
            }
            doomed.add(organization);
        }
        for (OrganizationDocument organization : doomed) {
            organizations.deleteById(organization.id());
            for (UserDocument user : users.findByMembershipsOrganizationId(organization.id())) {
                memberships.update(user.id(), u -> u.memberships().stream()
                        .filter(m -> !m.organizationId().equals(organization.id())).toList());
            }
            groups.deleteByOrganizationId(organization.id());
            apiKeys.revokeForOrganization(organization.id());
            identityProviders.deleteByOrganizationId(organization.id());
        }
    }

    private long countIn(String collection, String organizationId) {
        return mongo.count(new Query(Criteria.where("organizationId").is(organizationId)), collection);
    }

    /** The value of {@code identityProviderDefaultRole} that refuses people without an account. */
    public static final String JUST_IN_TIME_OFF = "Off";

    /**
     * How the organization's users may sign in.
     *
     * @param identityProviderDefaultRole what a person signing in through the identity provider without an account
     *     becomes: {@code Off} (refused), {@code Viewer}, {@code Explorer} or {@code Creator} (a member with that
     *     license, created just in time)
     */
    public record Authentications(boolean qalyptusAuth, String identityProvider, String identityProviderDefaultRole) {}

    public Authentications authentications(Caller caller, String id) {
        OrganizationDocument organization = administered(caller, id);
        return authenticationsOf(organization);
    }

    private Authentications authenticationsOf(OrganizationDocument organization) {
        String provider = organization.identityProviderAuth()
                ? identityProviders.findByOrganizationId(organization.id()).map(IdentityProviderDocument::id).orElse(null)
                : null;
        return new Authentications(organization.qalyptusAuth(), provider,
                organization.identityProviderDefaultRole() == null ? JUST_IN_TIME_OFF : organization.identityProviderDefaultRole());
    }

    /**
     * @param identityProvider the organization's identity provider to allow sign-in through, or null to not allow it
     * @param defaultRole {@code Off}, {@code Viewer}, {@code Explorer} or {@code Creator}; null keeps the current one
     */
    public Authentications updateAuthentications(Caller caller, String id, UpdateAuthentications request) {
        validator.valid(request);
        return updateAuthentications(caller, id, request.qalyptusAuth(),
                request.identityProvider() == null ? null : request.identityProvider().toString(),
                request.identityProviderDefaultRole());
    }

    private Authentications updateAuthentications(Caller caller, String id, boolean qalyptusAuth, String identityProvider,
            String defaultRole) {
        administered(caller, id);
        if (identityProvider != null) {
            Optional<IdentityProviderDocument> provider = identityProviders.findById(identityProvider)
                    .filter(p -> p.organizationId().equals(id));
            if (provider.isEmpty()) {
                throw ApiException.invalid("identityProvider", "is not an identity provider of this organization");
            }
        }
        String storedRole = defaultRole == null ? null : justInTimeRole(defaultRole);
        if (!qalyptusAuth && identityProvider == null) {
            throw ApiException.invalid("qalyptusAuth", "an organization needs at least one way to sign in: "
                    + "keep Qalyptus authentication or choose an identity provider");
        }
        Update update = new Update().set("qalyptusAuth", qalyptusAuth).set("identityProviderAuth", identityProvider != null);
        if (defaultRole != null) {
            update.set("identityProviderDefaultRole", storedRole);
        }
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), update, OrganizationDocument.class);
        return authenticationsOf(organizations.findById(id).orElseThrow(() -> ApiException.notFound("Organization " + id)));
    }

    /** The stored form of a just-in-time role: null for Off, else the license name; 400 for anything else. */
    private static String justInTimeRole(String given) {
        if (given.trim().equalsIgnoreCase(JUST_IN_TIME_OFF)) {
            return null;
        }
        return org.qalyptus.server.license.License.parse(given)
                .filter(l -> l != org.qalyptus.server.license.License.Unlicensed)
                .map(Enum::name)
                .orElseThrow(() -> ApiException.invalid("identityProviderDefaultRole", "must be one of Off, Viewer, Explorer, Creator"));
    }

    public long memberCount(String organizationId) {
        return users.countByMembershipsOrganizationId(organizationId);
    }
}
