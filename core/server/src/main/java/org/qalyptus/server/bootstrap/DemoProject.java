package org.qalyptus.server.bootstrap;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.project.ProjectRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The first-start step that gives the default organization a "Demo" project owned by the tenant owner.
 * Idempotent: a setup interrupted after this step and run again finds the project (unique name in the
 * organization) and creates nothing twice.
 */
@Component
class DemoProject {

    static final String NAME = "Demo";
    static final String DESCRIPTION = "A sample project to explore reports, filters and tasks";

    private final ProjectRepository projects;
    private final Clock clock;

    DemoProject(ProjectRepository projects, Clock clock) {
        this.projects = projects;
        this.clock = clock;
    }

    void ensure(String organizationId, String ownerId) {
        if (projects.existsByOrganizationIdAndNameKey(organizationId, ProjectDocument.nameKey(NAME))) {
            return;
        }
        Instant now = clock.instant();
        try {
            projects.insert(new ProjectDocument(UUID.randomUUID().toString(), organizationId, NAME,
                    ProjectDocument.nameKey(NAME), DESCRIPTION, ownerId, true, now, now));
        } catch (DuplicateKeyException alreadyThere) {
            // created by an earlier, interrupted run of the setup
        }
    }
}
