package org.qalyptus.server.group;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface GroupRepository extends MongoRepository<GroupDocument, String> {

    Optional<GroupDocument> findByOrganizationIdAndIsDefaultTrue(String organizationId);

    List<GroupDocument> findByOrganizationId(String organizationId);

    List<GroupDocument> findByOrganizationIdIn(Collection<String> organizationIds);

    long deleteByOrganizationId(String organizationId);
}
