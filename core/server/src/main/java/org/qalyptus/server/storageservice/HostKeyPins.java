package org.qalyptus.server.storageservice;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.storage.StorageTarget;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Host keys learned on first use (the SFTP plugin's {@code hostKeyFingerprint} and {@code trustOnFirstUse} settings,
 * or any storage plugin that declares both). Plugins cannot write their settings: they report the key they were
 * shown ({@code SHA256:} + 43 base64 characters in the test result) and the host stores it, with one conditional
 * update that applies only while the setting is still empty, so that two nodes (or a test and a delivery) racing
 * cannot pin two different keys: the first wins, the other reads it back and is held to it.
 */
final class HostKeyPins {

    static final String FINGERPRINT = "hostKeyFingerprint";
    static final String TRUST_ON_FIRST_USE = "trustOnFirstUse";
    private static final Pattern IN_TEXT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private final MongoTemplate mongo;
    private final Clock clock;

    HostKeyPins(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Whether the service trusts on first use and has no key pinned yet. */
    static boolean awaitsPin(StorageTarget target, StorageServiceDocument service) {
        boolean declares = target.configFields().stream().map(ConfigField::name).filter(n -> n.equals(FINGERPRINT)
                || n.equals(TRUST_ON_FIRST_USE)).distinct().count() == 2;
        Object pinned = service.settings().get(FINGERPRINT);
        return declares && Boolean.TRUE.equals(service.settings().get(TRUST_ON_FIRST_USE))
                && (pinned == null || pinned.toString().isBlank());
    }

    /** The one fingerprint a test result reports, if it reports exactly one. */
    static Optional<String> reported(ConnectionTestResult result) {
        if (result == null || result.message() == null) {
            return Optional.empty();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = IN_TEXT.matcher(result.message());
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** Pins {@code fingerprint} unless a key is pinned already. @return whether this call pinned it */
    boolean pin(String serviceId, String fingerprint) {
        Query stillEmpty = new Query(Criteria.where("_id").is(serviceId).orOperator(
                Criteria.where("settings." + FINGERPRINT).is(null), Criteria.where("settings." + FINGERPRINT).is("")));
        return mongo.updateFirst(stillEmpty, new Update().set("settings." + FINGERPRINT, fingerprint)
                .set("updatedAt", clock.instant()).inc("version", 1), StorageServiceDocument.class).getModifiedCount() > 0;
    }
}
