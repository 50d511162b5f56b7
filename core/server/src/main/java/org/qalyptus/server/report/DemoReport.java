package org.qalyptus.server.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The demo project's HTML report "Sales by region", bound to the Sales demo app, with a small template
 * that uses the app's objects and a variable. Created on the first start; idempotent: a setup run again
 * finds the report by its name in the project and creates nothing twice.
 */
@Component
public class DemoReport {

    static final String NAME = "Sales by region";
    static final String DESCRIPTION = "Revenue and margin by region and product, from the Sales demo app";
    static final String DEMO_CONNECTION = "Demo apps";
    static final String DEMO_APP = "Sales demo";
    static final String TEMPLATE = "demo/sales-by-region.html";

    private static final Logger log = LoggerFactory.getLogger(DemoReport.class);

    private final MongoTemplate mongo;
    private final AppService apps;
    private final TemplateStore templates;
    private final PermissionService permissions;
    private final Clock clock;

    DemoReport(MongoTemplate mongo, AppService apps, TemplateStore templates, PermissionService permissions, Clock clock) {
        this.mongo = mongo;
        this.apps = apps;
        this.templates = templates;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** Gives the demo project its report, unless it has one by that name. */
    public void ensure(ProjectDocument project, String ownerId) {
        Query existing = new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(NAME)));
        if (mongo.exists(existing, ReportDocument.class)) {
            return;
        }
        Optional<OrganizationApp> demoApp = apps.apps(project.organizationId()).stream()
                .filter(app -> DEMO_CONNECTION.equals(app.connectionName()) && DEMO_APP.equals(app.name())).findFirst();
        if (demoApp.isEmpty()) {
            log.warn("The demo app is not served by a '{}' connection; the demo report draws from no app", DEMO_CONNECTION);
        }
        Instant now = clock.instant();
        ReportDocument report = new ReportDocument(UUID.randomUUID().toString(), project.id(), project.organizationId(), NAME,
                AssetNames.key(NAME), DESCRIPTION, ownerId, null, ReportType.HTML.wireName(), false, List.of(),
                ReportDocument.DEFAULT_SEPARATOR, List.of(), demoApp.map(app -> List.of(app.id())).orElse(List.of()), null, null,
                now, now);
        String fileId = templates.store(report, NAME + ".html", ReportType.HTML.mediaType(), template());
        ReportDocument withTemplate = new ReportDocument(report.id(), report.projectId(), report.organizationId(),
                report.name(), report.nameKey(), report.description(), report.ownerId(), null, report.type(), false,
                List.of(), report.dynamicNameSeparator(), List.of(), report.appIds(), fileId, null, now, now);
        try {
            mongo.insert(withTemplate);
        } catch (DuplicateKeyException createdMeanwhile) {
            templates.delete(fileId);
            return;
        }
        permissions.assetCreated(project.ref(), withTemplate.ref());
    }

    private static byte[] template() {
        try (InputStream in = DemoReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("The server has no " + TEMPLATE + " resource");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
