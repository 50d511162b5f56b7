package org.qalyptus.server.group;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface GroupRepository extends MongoRepository<GroupDocument, String> {

    Optional<GroupDocument> findByOrganizationIdAndIsDefaultTrue(String organizationId);
}
