package org.qalyptus.server.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qalyptus.render.DemoTemplates;
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
 * The demo project's reports, bound to the Sales demo app: the HTML report "Sales by region" (KPIs, charts,
 * a grouped table with subtotals, running header and footer) and the Excel report "Sales workbook", with the
 * rendering engine's demo templates. Created on the first start; idempotent: a setup run again finds each
 * report by its name in the project and creates nothing twice.
 */
@Component
public class DemoReport {

    static final String NAME = "Sales by region";
    static final String DESCRIPTION = "Revenue and margin by region and product, from the Sales demo app";
    static final String EXCEL_NAME = "Sales workbook";
    static final String EXCEL_DESCRIPTION = "The region and product table with KPIs and totals, as an Excel workbook";
    static final String DEMO_CONNECTION = "Demo apps";
    static final String DEMO_APP = "Sales demo";

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

    /** Gives the demo project its reports, each unless it has one by that name. */
    public void ensure(ProjectDocument project, String ownerId) {
        Optional<OrganizationApp> demoApp = apps.apps(project.organizationId()).stream()
                .filter(app -> DEMO_CONNECTION.equals(app.connectionName()) && DEMO_APP.equals(app.name())).findFirst();
        if (demoApp.isEmpty()) {
            log.warn("The demo app is not served by a '{}' connection; the demo reports draw from no app", DEMO_CONNECTION);
        }
        List<String> appIds = demoApp.map(app -> List.of(app.id())).orElse(List.of());
        ensure(project, ownerId, NAME, DESCRIPTION, ReportType.HTML, appIds, NAME + ".html",
                DemoTemplates.salesByRegionHtml().getBytes(StandardCharsets.UTF_8));
        ensure(project, ownerId, EXCEL_NAME, EXCEL_DESCRIPTION, ReportType.Excel, appIds, EXCEL_NAME + ".xlsx",
                DemoTemplates.salesExcel());
    }

    private void ensure(ProjectDocument project, String ownerId, String name, String description, ReportType type,
            List<String> appIds, String fileName, byte[] template) {
        Query existing = new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(name)));
        if (mongo.exists(existing, ReportDocument.class)) {
            return;
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        ReportDocument draft = new ReportDocument(id, project.id(), project.organizationId(), name, AssetNames.key(name),
                description, ownerId, null, type.wireName(), false, List.of(), ReportDocument.DEFAULT_SEPARATOR, List.of(),
                appIds, null, null, now, now);
        String fileId = templates.store(draft, fileName, type.mediaType(), template);
        ReportDocument report = new ReportDocument(id, project.id(), project.organizationId(), name, AssetNames.key(name),
                description, ownerId, null, type.wireName(), false, List.of(), ReportDocument.DEFAULT_SEPARATOR, List.of(),
                appIds, fileId, type == ReportType.HTML ? null : fileName, now, now);
        try {
            mongo.insert(report);
        } catch (DuplicateKeyException createdMeanwhile) {
            templates.delete(fileId);
            return;
        }
        permissions.assetCreated(project.ref(), report.ref());
    }
}
