package org.qalyptus.server.report;

import static org.qalyptus.server.report.ReportDocument.KIND;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.asset.InProject;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.ProjectSummary;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.report.ReportDocument.DynamicNamePart;
import org.qalyptus.server.report.ReportDocument.IterationField;
import org.qalyptus.server.report.ReportRequests.CreateReport;
import org.qalyptus.server.report.ReportRequests.DuplicateReport;
import org.qalyptus.server.report.ReportRequests.UpdateReport;
import org.qalyptus.server.report.ReportViews.DuplicatedReport;
import org.qalyptus.server.report.ReportViews.DynamicNameView;
import org.qalyptus.server.report.ReportViews.IterationFieldView;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reports and their rules. Lookup, permission flags, lists and names go through {@link ProjectAssets}: a
 * report outside the caller's organizations does not exist for them (404), each action needs its flag
 * (viewReport, createReport on the project, editReport, deleteReport, duplicateReport; 403). Names are
 * unique in a project ignoring case (409) and file-safe (400); the type is fixed at creation; the apps a
 * report draws from must be served by its organization's connections (400 naming the field).
 */
@Service
public class ReportService {

    private final MongoTemplate mongo;
    private final ProjectAssets assets;
    private final ReportApps apps;
    private final TemplateStore templates;
    private final OrganizationAccess access;
    private final Clock clock;

    ReportService(MongoTemplate mongo, ProjectAssets assets, ReportApps apps, TemplateStore templates,
            OrganizationAccess access, Clock clock) {
        this.mongo = mongo;
        this.assets = assets;
        this.apps = apps;
        this.templates = templates;
        this.access = access;
        this.clock = clock;
    }

    // ---- create, read ----

    public ReportView create(Caller caller, CreateReport request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), true, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        ReportType type = ReportType.HTML;
        if (request.type() != null) {
            type = ReportType.parse(request.type()).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "must be " + ReportType.allowedValues()));
            }
        }
        uuidField("projectID", request.projectID(), errors);
        List<ReportApps.Requested> requestedApps = ReportApps.requested(request.qlikAppIDs(), request.qlikAppID(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        InProject target = assets.projectForNew(caller, KIND, "projectID", request.projectID());
        requireFreeName(target.project().id(), name, null);
        List<String> appIds = requestedApps == null ? List.of() : requestedApps.stream().map(ReportApps.Requested::appId).toList();
        if (requestedApps != null) {
            apps.requireServed(target.project().organizationId(), requestedApps, List.of());
        }
        Instant now = clock.instant();
        ReportDocument report = new ReportDocument(UUID.randomUUID().toString(), target.project().id(),
                target.project().organizationId(), name, AssetNames.key(name), description, target.user().id(), null,
                type.wireName(), false, List.of(), ReportDocument.DEFAULT_SEPARATOR, List.of(), appIds, null, null, now, now);
        ReportDocument inserted;
        try {
            inserted = mongo.insert(report);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(name);
        }
        assets.created(target, inserted);
        return view(new Located<>(inserted, target.project(), target.user(), target.subject()), target.user().displayName());
    }

    /** Every report the caller may see, in every project they may see. Opens no app. */
    public List<ReportView> list(Caller caller) {
        return views(assets.visible(caller, KIND, null));
    }

    /** The reports of one project the caller may see (404/403 as for the project). Opens no app. */
    public List<ReportView> listInProject(Caller caller, String projectId) {
        return views(assets.visible(caller, KIND, projectId));
    }

    /** The reports the caller may see in several projects at once (one store query for all). Opens no app. */
    public List<ReportView> listInProjects(Caller caller, java.util.Collection<String> projectIds) {
        return views(assets.visibleInProjects(caller, KIND, projectIds));
    }

    /** The reports among {@code ids} the caller may see, in one store query for all; the others are left out. */
    public List<ReportView> visibleByIds(Caller caller, java.util.Collection<String> ids) {
        return views(assets.visibleMatching(caller, KIND, Criteria.where("_id").in(ids)));
    }

    public ReportView get(Caller caller, String id) {
        Located<ReportDocument> located = viewable(caller, id);
        return view(located, assets.ownerName(located));
    }

    public List<IterationFieldView> iterationFields(Caller caller, String id) {
        return iterationFieldViews(viewable(caller, id).asset());
    }

    public List<DynamicNameView> dynamicNames(Caller caller, String id) {
        return dynamicNameViews(viewable(caller, id).asset());
    }

    /** The report, if the caller holds viewReport on it (404, 403). */
    Located<ReportDocument> viewable(Caller caller, String id) {
        return assets.require(caller, KIND, id, KIND.view());
    }

    /** The report, if the caller holds editReport on it (404, 403). */
    Located<ReportDocument> editable(Caller caller, String id) {
        return assets.require(caller, KIND, id, KIND.edit());
    }

    // ---- update ----

    public ReportView update(Caller caller, String id, UpdateReport request, String ifMatch) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), true, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        if (request.isIteration() == null) {
            errors.add(new FieldError("isIteration", "is required"));
        }
        ReportType requestedType = null;
        if (request.type() != null) {
            requestedType = ReportType.parse(request.type()).orElse(null);
            if (requestedType == null) {
                errors.add(new FieldError("type", "must be " + ReportType.allowedValues()));
            }
        }
        String separator = ReportNaming.separator(request.dynamicNameSeparator(), errors);
        ReportNaming.checkShape(request.iterationFields(), request.dynamicNames(), errors);
        List<ReportApps.Requested> requestedApps = ReportApps.requested(request.qlikAppIDs(), request.qlikAppID(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Long expected = Versions.expected(request.version(), ifMatch);
        Located<ReportDocument> located = editable(caller, id);
        ReportDocument current = located.asset();
        if (requestedType != null && requestedType != current.reportType()) {
            throw ApiException.invalid("type", "cannot be changed after creation (this report's type is " + current.type()
                    + "); create another report for another type");
        }
        Versions.check(KIND, current.version(), expected);
        if (!AssetNames.key(name).equals(current.nameKey())) {
            requireFreeName(current.projectId(), name, current.id());
        }
        List<String> appIds = current.appIds();
        if (requestedApps != null) {
            apps.requireServed(current.organizationId(), requestedApps, current.appIds());
            appIds = requestedApps.stream().map(ReportApps.Requested::appId).toList();
        }
        ReportApps.Elements elements = apps.elements(current);
        List<IterationField> iterationFields = ReportNaming.resolveIterationFields(request.iterationFields(), appIds,
                current.iterationFields(), elements, errors);
        List<DynamicNamePart> dynamicNames = ReportNaming.resolveDynamicNames(request.dynamicNames(), appIds,
                current.dynamicNames(), elements, errors);
        if (request.isIteration() && iterationFields.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("iterationFields", "must name at least one field when isIteration is true"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        ReportDocument changed = new ReportDocument(current.id(), current.projectId(), current.organizationId(), name,
                AssetNames.key(name), description, current.ownerId(), current.version(), current.type(), request.isIteration(),
                iterationFields, separator, dynamicNames, appIds, current.templateFileId(), current.templateFileName(),
                current.createdAt(), clock.instant());
        ReportDocument saved;
        try {
            saved = mongo.save(changed);
        } catch (DuplicateKeyException raced) {
            throw duplicateName(name);
        }
        return view(new Located<>(saved, located.project(), located.user(), located.subject()), assets.ownerName(located));
    }

    // ---- duplicate ----

    /**
     * Copies the report, its template and its settings into a project of an organization, under a free name
     * ("Name - Copy"). The apps stay when the target organization serves them; the others are dropped with
     * the iteration fields and dynamic name parts that used them, and the answer lists them.
     */
    public DuplicatedReport duplicate(Caller caller, String id, DuplicateReport request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        uuidField("projectID", request.projectID(), errors);
        uuidField("organizationID", request.organizationID(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Located<ReportDocument> source = assets.require(caller, KIND, id, KIND.duplicate());
        String organizationId = request.organizationID().toLowerCase(java.util.Locale.ROOT);
        if (mongo.findById(organizationId, OrganizationDocument.class) == null || !access.canSee(caller, organizationId)) {
            throw ApiException.notFound("Organization " + request.organizationID());
        }
        InProject target = assets.projectForNew(caller, KIND, "projectID", request.projectID());
        if (!target.project().organizationId().equals(organizationId)) {
            throw ApiException.invalid("projectID", "is not a project of organization " + request.organizationID());
        }
        ReportDocument original = source.asset();
        List<String> kept = original.appIds();
        if (!organizationId.equals(original.organizationId()) && !kept.isEmpty()) {
            Set<String> served = apps.servedIds(organizationId);
            kept = kept.stream().filter(served::contains).toList();
        }
        List<String> keptApps = kept;
        List<String> dropped = original.appIds().stream().filter(a -> !keptApps.contains(a)).toList();
        List<IterationField> iterationFields = original.iterationFields().stream().filter(f -> keptApps.contains(f.appId())).toList();
        List<DynamicNamePart> dynamicNames = original.dynamicNames().stream()
                .filter(p -> p.appId() == null || keptApps.contains(p.appId())).toList();
        boolean isIteration = original.isIteration() && !iterationFields.isEmpty();

        Instant now = clock.instant();
        String copyId = UUID.randomUUID().toString();
        ReportDocument draft = new ReportDocument(copyId, target.project().id(), organizationId, original.name(), null,
                original.description(), target.user().id(), null, original.type(), isIteration, iterationFields,
                original.dynamicNameSeparator(), dynamicNames, keptApps, null, original.templateFileName(), now, now);
        String templateCopy = copyTemplate(original, draft);
        ReportDocument inserted = null;
        try {
            for (int attempt = 0; inserted == null; attempt++) {
                String name = assets.copyName(KIND, target.project().id(), original.name());
                if (name.length() > AssetNames.MAX_NAME) {
                    throw ApiException.conflict("The copy's name '" + name + "' would be longer than " + AssetNames.MAX_NAME
                            + " characters; rename the report first");
                }
                ReportDocument copy = new ReportDocument(copyId, draft.projectId(), organizationId, name, AssetNames.key(name),
                        draft.description(), draft.ownerId(), null, draft.type(), isIteration, iterationFields,
                        draft.dynamicNameSeparator(), dynamicNames, keptApps, templateCopy,
                        templateCopy == null ? null : original.templateFileName(), now, now);
                try {
                    inserted = mongo.insert(copy);
                } catch (DuplicateKeyException nameTakenMeanwhile) {
                    if (attempt >= 4) {
                        throw ApiException.conflict("Another report took the copy's name meanwhile; try again");
                    }
                }
            }
        } finally {
            if (inserted == null) {
                templates.delete(templateCopy);
            }
        }
        assets.created(target, inserted);
        ReportView view = view(new Located<>(inserted, target.project(), target.user(), target.subject()),
                target.user().displayName());
        String message = dropped.isEmpty() ? null
                : "The target organization does not serve " + dropped.size() + " of the report's apps; the copy does not use "
                        + (dropped.size() == 1 ? "it" : "them") + ", nor the iteration fields and dynamic name parts that did";
        return new DuplicatedReport(view, dropped, message);
    }

    /**
     * Copies the source's current template for the copy. A template replaced between reading the report and
     * copying its file is found by reading the report again.
     */
    private String copyTemplate(ReportDocument source, ReportDocument copy) {
        String fileId = source.templateFileId();
        for (int attempt = 0; fileId != null && attempt < 3; attempt++) {
            String copied = templates.copy(fileId, copy);
            if (copied != null) {
                return copied;
            }
            ReportDocument reread = mongo.findById(source.id(), ReportDocument.class);
            fileId = reread == null ? null : reread.templateFileId();
        }
        return null;
    }

    // ---- delete ----

    public void delete(Caller caller, String id) {
        deleteAll(List.of(assets.require(caller, KIND, id, KIND.delete())));
    }

    /** Deletes several reports, all or none: every id must be a report the caller may delete. */
    public List<String> deleteMany(Caller caller, List<UUID> ids) {
        List<Located<ReportDocument>> found = assets.requireAll(caller, KIND, ids, "ids", KIND.delete());
        deleteAll(found);
        return found.stream().map(l -> l.asset().id()).toList();
    }

    /**
     * Removes the documents, then their template files, then tells the permission model and the features
     * referring to them (tasks drop them from their task reports).
     */
    private void deleteAll(List<Located<ReportDocument>> reports) {
        for (Located<ReportDocument> located : reports) {
            mongo.remove(new Query(Criteria.where("_id").is(located.asset().id())), ReportDocument.class);
            templates.delete(located.asset().templateFileId());
            assets.deleted(located);
        }
    }

    // ---- views ----

    private List<ReportView> views(List<Located<ReportDocument>> found) {
        Map<String, String> ownerNames = assets.ownerNames(found);
        return found.stream().map(l -> view(l, ownerNames.get(l.asset().ownerId()))).toList();
    }

    static ReportView view(Located<ReportDocument> located, String ownerName) {
        ReportDocument report = located.asset();
        ReportType type = report.reportType();
        return new ReportView(report.id(), report.name(), report.type(), report.ownerId(), located.isMine(),
                ProjectSummary.of(located.project()), ownerName, report.description(), report.isIteration(),
                templateFile(report), type.outputFormats(), report.dynamicNameSeparator(), report.version(),
                report.projectId(), report.organizationId(), report.appIds(), iterationFieldViews(report),
                dynamicNameViews(report), report.createdAt(), report.updatedAt());
    }

    /** The template's file name: the uploaded name for Office types, the report's name for HTML. */
    static String templateFile(ReportDocument report) {
        if (report.templateFileId() == null) {
            return null;
        }
        return report.reportType() == ReportType.HTML ? report.name() + ".html" : report.templateFileName();
    }

    private static List<IterationFieldView> iterationFieldViews(ReportDocument report) {
        return report.iterationFields().stream().map(f -> new IterationFieldView(f.qlikFieldID(), f.fieldName(), f.appId()))
                .toList();
    }

    private static List<DynamicNameView> dynamicNameViews(ReportDocument report) {
        List<DynamicNameView> views = new ArrayList<>();
        List<DynamicNamePart> parts = report.dynamicNames();
        for (int i = 0; i < parts.size(); i++) {
            DynamicNamePart p = parts.get(i);
            views.add(new DynamicNameView(i + 1, p.type(), p.value(), p.format(), p.appId(),
                    "Field".equals(p.type()) ? p.elementId() : null, "Variable".equals(p.type()) ? p.elementId() : null));
        }
        return views;
    }

    // ---- rules ----

    private void requireFreeName(String projectId, String name, String exceptId) {
        if (assets.nameTaken(KIND, projectId, name, exceptId)) {
            throw duplicateName(name);
        }
    }

    private static ApiException duplicateName(String name) {
        return ApiException.conflict("A report named '" + name + "' already exists in the project");
    }

    private static void uuidField(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!ReportNaming.isUuid(value)) {
            errors.add(new FieldError(field, "must be a UUID"));
        }
    }
}
