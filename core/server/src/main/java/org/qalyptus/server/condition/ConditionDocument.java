package org.qalyptus.server.condition;

import java.time.Instant;
import java.util.List;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.ProjectAsset;
import org.qalyptus.server.permission.AssetType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A condition: rules that must all hold for a task report to be generated.
 *
 * @param nameKey the name as compared for uniqueness within the project ({@code AssetNames.key})
 * @param rules in the order they were added
 * @param version moved by every write (optimistic concurrency)
 */
@Document("conditions")
@CompoundIndexes({
    @CompoundIndex(name = "project_name", def = "{'projectId': 1, 'nameKey': 1}", unique = true),
    @CompoundIndex(name = "rule_id", def = "{'rules._id': 1}")
})
public record ConditionDocument(
        @Id String id,
        @Indexed String projectId,
        String organizationId,
        String name,
        String nameKey,
        String description,
        @Indexed String ownerId,
        List<ConditionRule> rules,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) implements ProjectAsset {

    public static final AssetKind<ConditionDocument> KIND = AssetKind.of(AssetType.Condition, ConditionDocument.class);

    public ConditionDocument {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    @Override
    public AssetKind<?> kind() {
        return KIND;
    }

    ConditionDocument withRules(List<ConditionRule> newRules, Instant now) {
        return new ConditionDocument(id, projectId, organizationId, name, nameKey, description, ownerId, newRules,
                createdAt, now, version);
    }
}
