package org.qalyptus.server.project;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface ProjectRepository extends MongoRepository<ProjectDocument, String> {

    boolean existsByOrganizationIdAndNameKey(String organizationId, String nameKey);

    java.util.Optional<ProjectDocument> findByOrganizationIdAndNameKey(String organizationId, String nameKey);

    /** The projects a user owns, e.g. to refuse deleting a user who still owns content. */
    List<ProjectDocument> findByOwnerId(String ownerId);
}
