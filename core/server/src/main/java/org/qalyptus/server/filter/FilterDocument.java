package org.qalyptus.server.filter;

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
 * A filter: selections applied to a report inside a task, item after item, before rendering.
 *
 * @param nameKey the name as compared for uniqueness within the project ({@code AssetNames.key})
 * @param appId the app every item belongs to: set by the first item or explicitly, null while unknown
 * @param items in the order they are applied; an item's position is its order, so order stays dense
 * @param version moved by every write (optimistic concurrency)
 */
@Document("filters")
@CompoundIndexes({
    @CompoundIndex(name = "project_name", def = "{'projectId': 1, 'nameKey': 1}", unique = true),
    @CompoundIndex(name = "item_id", def = "{'items._id': 1}")
})
public record FilterDocument(
        @Id String id,
        @Indexed String projectId,
        String organizationId,
        String name,
        String nameKey,
        String description,
        @Indexed String ownerId,
        String appId,
        List<FilterItem> items,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) implements ProjectAsset {

    public static final AssetKind<FilterDocument> KIND = AssetKind.of(AssetType.Filter, FilterDocument.class);

    public FilterDocument {
        items = items == null ? List.of() : List.copyOf(items);
    }

    @Override
    public AssetKind<?> kind() {
        return KIND;
    }

    FilterDocument withItems(String newAppId, List<FilterItem> newItems, Instant now) {
        return new FilterDocument(id, projectId, organizationId, name, nameKey, description, ownerId, newAppId, newItems,
                createdAt, now, version);
    }
}
