package org.qalyptus.server.bootstrap;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.project.ProjectRepository;
import org.qalyptus.server.report.DemoReport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The first-start step that gives the default organization a "Demo" project owned by the tenant owner,
 * with its demo content (the "Sales by region" report on the demo app, so it runs after the demo apps are
 * registered). Idempotent: a setup interrupted after this step and run again finds the project (unique
 * name in the organization) and its content, and creates nothing twice.
 */
@Component
class DemoProject {

    static final String NAME = "Demo";
    static final String DESCRIPTION = "A sample project to explore reports, filters and tasks";

    private final ProjectRepository projects;
    private final PermissionService permissions;
    private final Clock clock;
    private final DemoReport demoReport;

    DemoProject(ProjectRepository projects, PermissionService permissions, Clock clock, DemoReport demoReport) {
        this.projects = projects;
        this.permissions = permissions;
        this.clock = clock;
        this.demoReport = demoReport;
    }

    void ensure(String organizationId, String ownerId) {
        var existing = projects.findByOrganizationIdAndNameKey(organizationId, ProjectDocument.nameKey(NAME));
        if (existing.isPresent()) {
            permissions.ownershipTaken(existing.get().id(), existing.get().ownerId());
            demoReport.ensure(existing.get(), existing.get().ownerId());
            return;
        }
        Instant now = clock.instant();
        ProjectDocument demo = new ProjectDocument(UUID.randomUUID().toString(), organizationId, NAME,
                ProjectDocument.nameKey(NAME), DESCRIPTION, ownerId, true, now, now);
        try {
            projects.insert(demo);
        } catch (DuplicateKeyException createdMeanwhile) {
            return;
        }
        permissions.ownershipTaken(demo.id(), ownerId);
        demoReport.ensure(demo, ownerId);
    }
}
