package org.qalyptus.server.bootstrap;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.condition.DemoCondition;
import org.qalyptus.server.filter.DemoFilter;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.project.ProjectRepository;
import org.qalyptus.server.report.DemoReport;
import org.qalyptus.server.task.DemoTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The first-start step that gives the default organization a "Demo" project owned by the tenant owner.
 * Idempotent: a setup interrupted after this step and run again finds the project (unique name in the
 * organization) and creates nothing twice. Once the demo apps are registered, {@link #ensureContent} adds the
 * project's sample filter, condition, report and task on the demo app, as idempotently.
 */
@Component
class DemoProject {

    static final String NAME = "Demo";
    static final String DESCRIPTION = "A sample project to explore reports, filters and tasks";

    private static final Logger log = LoggerFactory.getLogger(DemoProject.class);

    private final ProjectRepository projects;
    private final PermissionService permissions;
    private final Clock clock;
    private final AppService apps;
    private final DemoFilter demoFilter;
    private final DemoCondition demoCondition;
    private final DemoTask demoTask;
    private final DemoReport demoReport;

    DemoProject(ProjectRepository projects, PermissionService permissions, Clock clock, AppService apps,
            DemoFilter demoFilter, DemoCondition demoCondition, DemoReport demoReport, DemoTask demoTask) {
        this.demoReport = demoReport;
        this.projects = projects;
        this.permissions = permissions;
        this.clock = clock;
        this.apps = apps;
        this.demoFilter = demoFilter;
        this.demoCondition = demoCondition;
        this.demoTask = demoTask;
    }

    void ensure(String organizationId, String ownerId) {
        var existing = projects.findByOrganizationIdAndNameKey(organizationId, ProjectDocument.nameKey(NAME));
        if (existing.isPresent()) {
            permissions.ownershipTaken(existing.get().id(), existing.get().ownerId());
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
    }

    /**
     * The demo project's sample content on the first app of the demo connection: the "Europe only" filter
     * and the "Margin on target" condition, each skipped when the project already has it (by name). No demo
     * app only skips the content; a failure is logged and the setup goes on.
     */
    void ensureContent(String organizationId, String demoConnectionName) {
        try {
            var demo = projects.findByOrganizationIdAndNameKey(organizationId, ProjectDocument.nameKey(NAME));
            var app = apps.apps(organizationId).stream().filter(a -> a.connectionName().equals(demoConnectionName))
                    .findFirst();
            if (demo.isEmpty()) {
                return;
            }
            if (app.isPresent()) {
                demoFilter.ensure(demo.get(), app.get().id());
                demoCondition.ensure(demo.get(), app.get().id());
            }
            demoReport.ensure(demo.get(), demo.get().ownerId());
            // last: the task delivers the demo reports, which must exist first
            demoTask.ensure(demo.get());
        } catch (RuntimeException e) {
            log.warn("The demo project's sample content could not be created: {}", e.getMessage());
        }
    }
}
