package org.qalyptus.server.storageservice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.permission.LicenseLevel;
import org.qalyptus.server.permission.Subject;
import org.qalyptus.server.plugin.ExtensionSettings;
import org.qalyptus.server.plugin.ExtensionSettings.Stored;
import org.qalyptus.server.plugin.PluginHost;
import org.qalyptus.server.plugin.ServerPathPolicy;
import org.qalyptus.server.store.DataDirectory;
import org.qalyptus.server.user.DisplayNames;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.InvalidConfigException;
import org.qalyptus.spi.storage.StorageTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Storage services and their rules: every member of an organization sees its storage services (task
 * authors pick them); a member with a Creator license creates one and owns it; its owner and the
 * organization's administrators change, test and delete it. The type must be an installed
 * {@link StorageTarget}; settings are validated against its config fields, secrets stored encrypted and
 * never returned, and server folders must lie inside the allowed roots ({@link ServerPathPolicy}).
 */
@Service
public class StorageServiceService {

    private static final Logger log = LoggerFactory.getLogger(StorageServiceService.class);

    private final MongoTemplate mongo;
    private final OrganizationAccess access;
    private final PluginHost plugins;
    private final ExtensionSettings settings;
    private final ServerPathPolicy paths;
    private final DisplayNames displayNames;
    private final List<StorageServiceUsage> usages;
    private final Clock clock;
    private final HostKeyPins pins;

    StorageServiceService(MongoTemplate mongo, OrganizationAccess access, PluginHost plugins, ExtensionSettings settings,
            @Value("${qalyptus.storage.allowed-roots:}") List<String> allowedRoots, DataDirectory dataDirectory,
            DisplayNames displayNames, List<StorageServiceUsage> usages, Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.plugins = plugins;
        this.settings = settings;
        this.paths = new ServerPathPolicy(allowedRoots, dataDirectory, "deliveries");
        this.displayNames = displayNames;
        this.usages = usages;
        this.clock = clock;
        this.pins = new HostKeyPins(mongo, clock);
    }

    /** The storage services of every organization the caller can see, by organization then name. */
    public List<StorageServiceView> list(Caller caller) {
        UserDocument user = access.user(caller);
        List<String> organizations = new ArrayList<>(access.visibleOrganizationIds(caller));
        if (organizations.isEmpty()) {
            return List.of();
        }
        Query query = new Query(Criteria.where("organizationId").in(organizations))
                .with(Sort.by("organizationId", "nameKey"));
        List<StorageServiceDocument> found = mongo.find(query, StorageServiceDocument.class);
        Map<String, String> owners = displayNames.of(found.stream().map(StorageServiceDocument::ownerId)
                .filter(java.util.Objects::nonNull).toList());
        return found.stream().map(s -> view(s, user.id(), owners.get(s.ownerId()))).toList();
    }

    public StorageServiceView get(Caller caller, String id) {
        StorageServiceDocument found = visible(caller, id);
        return view(found, caller.userId());
    }

    public StorageServiceView create(Caller caller, StorageServiceRequest request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        if (request.type() == null || request.type().isBlank()) {
            errors.add(new FieldError("type", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        StorageTarget target = target(request.type());
        String organizationId = access.organizationForNew(caller, request.organizationID());
        if (request.organizationID() != null && !request.organizationID().isBlank()) {
            access.requireMember(caller, organizationId);
        }
        UserDocument user = access.user(caller);
        if (!access.administers(caller, organizationId)
                && !Subject.of(user, organizationId).license().allows(LicenseLevel.Creator)) {
            throw ApiException.forbidden("Creating a storage service needs a Creator license in the organization");
        }
        Stored stored = settings.validate(target, mergedSettings(request, target, errors), paths);
        Instant now = clock.instant();
        StorageServiceDocument created = new StorageServiceDocument(UUID.randomUUID().toString(), organizationId, name,
                AssetNames.key(name), description, target.typeId(), stored.settings(), stored.secrets(), user.id(), now, now,
                null);
        try {
            created = mongo.insert(created);
        } catch (DuplicateKeyException e) {
            throw duplicateName(name);
        }
        return view(created, user.id());
    }

    public StorageServiceView update(Caller caller, String id, StorageServiceRequest request, String ifMatch) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        StorageServiceDocument existing = managed(caller, id);
        if (request.type() != null && !request.type().isBlank() && !request.type().equalsIgnoreCase(existing.type())) {
            throw ApiException.invalid("type", "cannot be changed; create another storage service");
        }
        Long expected = org.qalyptus.server.asset.Versions.expected(request.version(), ifMatch);
        if (expected != null && !expected.equals(existing.version())) {
            throw stale();
        }
        StorageTarget target = target(existing.type());
        Stored stored = settings.validateUpdate(target, mergedSettings(request, target, errors), existing.secrets(), paths);
        StorageServiceDocument updated = new StorageServiceDocument(existing.id(), existing.organizationId(), name,
                AssetNames.key(name), description, existing.type(), stored.settings(), stored.secrets(), existing.ownerId(),
                existing.createdAt(), clock.instant(), existing.version());
        try {
            updated = mongo.save(updated);
        } catch (DuplicateKeyException e) {
            throw duplicateName(name);
        }
        return view(updated, caller.userId());
    }

    public void delete(Caller caller, String id) {
        deleteAll(List.of(managed(caller, id)));
    }

    /** Deletes several storage services, all or none. @return the deleted ids */
    public List<String> deleteMany(Caller caller, List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.invalid("ids", "must list at least one storage service id");
        }
        if (ids.contains(null)) {
            throw ApiException.invalid("ids[" + ids.indexOf(null) + "]", "must be a storage service id");
        }
        List<StorageServiceDocument> found = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(ids)) {
            found.add(managed(caller, id.toString()));
        }
        deleteAll(found);
        return found.stream().map(StorageServiceDocument::id).toList();
    }

    public ConnectionTestResult test(Caller caller, String id) {
        StorageServiceDocument service = managed(caller, id);
        Optional<StorageTarget> target = plugins.extension(StorageTarget.class, service.type());
        if (target.isEmpty()) {
            return ConnectionTestResult.failed("No storage plugin of type " + service.type() + " is installed");
        }
        try {
            ConnectionTestResult result = target.get().test(bind(target.get(), service));
            if (!HostKeyPins.awaitsPin(target.get(), service)) {
                return result;
            }
            return HostKeyPins.reported(result).map(key -> pinned(service.id(), key, result)).orElse(result);
        } catch (InvalidConfigException e) {
            return ConnectionTestResult.failed("The stored settings no longer fit the plugin: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Testing storage service {} failed", service.id(), e);
            return ConnectionTestResult.failed("The storage plugin failed: " + e.getMessage());
        }
    }

    /** The storage services of an organization by name, without access checks: for services that made them. */
    public List<StorageServiceDocument> ofOrganization(String organizationId) {
        return mongo.find(new Query(Criteria.where("organizationId").is(organizationId)).with(Sort.by("nameKey")),
                StorageServiceDocument.class);
    }

    /**
     * The settings with secrets decrypted, for a delivery. A service that trusts its server's host key on first use and
     * has none pinned yet is tested first (once, by whichever delivery or node comes first) and the key it was shown
     * is pinned before anything is delivered, so that deliveries never run unpinned for long and a changed key is
     * refused from the second connection on.
     */
    public Config config(StorageTarget target, StorageServiceDocument service) {
        if (!HostKeyPins.awaitsPin(target, service)) {
            return bind(target, service);
        }
        StorageServiceDocument current = Optional.ofNullable(mongo.findById(service.id(), StorageServiceDocument.class))
                .orElse(service);
        if (HostKeyPins.awaitsPin(target, current)) {
            ConnectionTestResult result = target.test(bind(target, current));
            Optional<String> key = HostKeyPins.reported(result);
            if (key.isPresent()) {
                if (pins.pin(current.id(), key.get())) {
                    log.info("Storage service {}: host key {} pinned on first use", current.id(), key.get());
                }
                current = Optional.ofNullable(mongo.findById(service.id(), StorageServiceDocument.class)).orElse(current);
            } else {
                log.warn("Storage service {}: its host key could not be learned before delivering: {}", current.id(),
                        result.message());
            }
        }
        return bind(target, current);
    }

    private Config bind(StorageTarget target, StorageServiceDocument service) {
        return settings.bind(target, service.settings(), service.secrets());
    }

    /** A test result once the key it reported was pinned (by this test or, just before, by another node). */
    private ConnectionTestResult pinned(String serviceId, String key, ConnectionTestResult result) {
        if (pins.pin(serviceId, key)) {
            return new ConnectionTestResult(result.ok(), result.message() + " The host key fingerprint " + key
                    + " is now pinned for this storage service: any other key will be refused.");
        }
        StorageServiceDocument now = mongo.findById(serviceId, StorageServiceDocument.class);
        Object other = now == null ? null : now.settings().get(HostKeyPins.FINGERPRINT);
        if (other != null && !key.equals(other.toString())) {
            return ConnectionTestResult.failed(result.message() + " But another connection pinned " + other
                    + " meanwhile: the server presented a different key; deliveries will refuse it.");
        }
        return result;
    }

    // ---- internals ----

    private StorageServiceDocument visible(Caller caller, String id) {
        StorageServiceDocument found = mongo.findById(id, StorageServiceDocument.class);
        if (found == null || !access.canSee(caller, found.organizationId())) {
            throw ApiException.notFound("Storage service " + id);
        }
        return found;
    }

    private StorageServiceDocument managed(Caller caller, String id) {
        StorageServiceDocument found = visible(caller, id);
        if (!java.util.Objects.equals(found.ownerId(), caller.userId()) && !access.administers(caller, found.organizationId())) {
            throw ApiException.forbidden("Only the storage service's owner or an administrator of its organization may change it");
        }
        return found;
    }

    /** Removes the services unless a task delivers to one of them (409 naming the tasks). */
    private void deleteAll(List<StorageServiceDocument> services) {
        for (StorageServiceDocument service : services) {
            List<String> users = usages.stream()
                    .flatMap(usage -> usage.usersOf(service.organizationId(), service.id()).stream()).toList();
            if (!users.isEmpty()) {
                throw ApiException.conflict("Storage service '" + service.name() + "' is used by " + String.join(", ", users)
                        + "; remove it from them first");
            }
        }
        mongo.remove(new Query(Criteria.where("_id").in(services.stream().map(StorageServiceDocument::id).toList())),
                StorageServiceDocument.class);
    }

    private Map<String, Object> mergedSettings(StorageServiceRequest request, StorageTarget target, List<FieldError> errors) {
        Map<String, Object> merged = LegacyFields.merge(LegacyFields.of(request), request.settings(), target.configFields(),
                target.typeId(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return merged;
    }

    private StorageTarget target(String type) {
        return plugins.extensions(StorageTarget.class).stream()
                .filter(t -> t.typeId().equalsIgnoreCase(type.trim()))
                .findFirst()
                .orElseThrow(() -> ApiException.invalid("type", "no storage plugin of type '"
                        + (type.length() > 50 ? type.substring(0, 50) + "..." : type) + "' is installed; installed: "
                        + plugins.extensions(StorageTarget.class).stream().map(StorageTarget::typeId).sorted().toList()));
    }

    private static ApiException duplicateName(String name) {
        return ApiException.conflict("A storage service named '" + name + "' already exists in the organization");
    }

    private static ApiException stale() {
        return ApiException.conflict("Storage service was changed by someone else since you read it; reload it and try again");
    }

    private StorageServiceView view(StorageServiceDocument s, String callerId) {
        return view(s, callerId, s.ownerId() == null ? null : displayNames.of(List.of(s.ownerId())).get(s.ownerId()));
    }

    private StorageServiceView view(StorageServiceDocument s, String callerId, String ownerName) {
        List<ConfigField> fields = plugins.extension(StorageTarget.class, s.type()).map(StorageTarget::configFields)
                .orElse(List.of());
        return new StorageServiceView(s.id(), s.name(), s.description(), s.type(), s.organizationId(), s.settings(),
                s.secrets().keySet().stream().sorted().toList(),
                string(flat("host", fields, s)), string(flat("username", fields, s)),
                LegacyFields.pluginName("password", fields).map(s.secrets()::containsKey).orElse(false),
                flat("passiveMode", fields, s) instanceof Boolean b ? b : null,
                string(flat("ftpTestDirectoryPath", fields, s)),
                flat("sftpPort", fields, s) instanceof Number n ? n.intValue() : null,
                s.ownerId(), ownerName, callerId.equals(s.ownerId()), s.createdAt(), s.updatedAt(), s.version());
    }

    private static Object flat(String apiName, List<ConfigField> fields, StorageServiceDocument s) {
        return LegacyFields.pluginName(apiName, fields).map(s.settings()::get).orElse(null);
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
