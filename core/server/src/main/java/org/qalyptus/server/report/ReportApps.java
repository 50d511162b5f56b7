package org.qalyptus.server.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.report.ReportViews.Column;
import org.qalyptus.server.report.ReportViews.Item;
import org.qalyptus.server.report.ReportViews.Node;
import org.qalyptus.server.report.ReportViews.QlikObjectView;
import org.qalyptus.server.report.ReportViews.ReportAppView;
import org.qalyptus.server.report.ReportViews.TemplateItems;
import org.qalyptus.server.report.ReportViews.VariableView;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.ObjectInfo;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.SheetInfo;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The apps a report draws from, through {@link AppService}: checking that an organization serves the apps a
 * request names, and reading their variables, objects and fields. Reading opens the app; a report whose app
 * no connection serves any more answers 409 (fix the report's apps), a connector that fails answers 502
 * (try again or fix the connection); neither is ever a 500. Lists never come here.
 */
@Component
class ReportApps {

    static final int MAX_APPS = 20;
    private static final Logger log = LoggerFactory.getLogger(ReportApps.class);

    private final AppService apps;

    ReportApps(AppService apps) {
        this.apps = apps;
    }

    /** An app id a request named, with the request field it came from (for errors). */
    record Requested(String appId, String field) {}

    /**
     * The app ids a create or update names, shape-checked: {@code qlikAppIDs}, or {@code qlikAppID} alone.
     *
     * @return null when the request names none (an update then keeps the report's apps)
     */
    static List<Requested> requested(List<String> many, String one, List<FieldError> errors) {
        if (many != null && one != null) {
            errors.add(new FieldError("qlikAppID", "send either qlikAppID or qlikAppIDs, not both"));
            return null;
        }
        if (one != null) {
            if (one.isBlank() || one.length() > 200) {
                errors.add(new FieldError("qlikAppID", "must be an app id"));
                return null;
            }
            return List.of(new Requested(one.trim(), "qlikAppID"));
        }
        if (many == null) {
            return null;
        }
        if (many.size() > MAX_APPS) {
            errors.add(new FieldError("qlikAppIDs", "must list at most " + MAX_APPS + " apps"));
            return null;
        }
        List<Requested> requested = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < many.size(); i++) {
            String id = many.get(i);
            String field = "qlikAppIDs[" + i + "]";
            if (id == null || id.isBlank() || id.length() > 200) {
                errors.add(new FieldError(field, "must be an app id"));
            } else if (!seen.add(id.trim())) {
                errors.add(new FieldError(field, "is listed twice"));
            } else {
                requested.add(new Requested(id.trim(), field));
            }
        }
        return requested;
    }

    /**
     * Checks that the organization serves every requested app not in {@code alreadyBound} (apps a report is
     * already bound to stay valid even if their connection went away meanwhile).
     *
     * @throws ApiException 400 naming the field of each app the organization does not serve
     */
    void requireServed(String organizationId, List<Requested> requested, List<String> alreadyBound) {
        List<Requested> fresh = requested.stream().filter(r -> !alreadyBound.contains(r.appId())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Set<String> served = servedIds(organizationId);
        List<FieldError> errors = fresh.stream().filter(r -> !served.contains(r.appId()))
                .map(r -> new FieldError(r.field(), "is not an app of the organization's connections")).toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /** The ids of the apps the organization's connections serve (lists the connections' apps; opens none). */
    Set<String> servedIds(String organizationId) {
        return apps.apps(organizationId).stream().map(OrganizationApp::id).collect(Collectors.toSet());
    }

    /** The report's apps with their connections; an app no connection serves any more is marked unavailable. */
    List<ReportAppView> qlikApps(ReportDocument report) {
        if (report.appIds().isEmpty()) {
            return List.of();
        }
        Map<String, OrganizationApp> served = new HashMap<>();
        apps.apps(report.organizationId()).forEach(app -> served.putIfAbsent(app.id(), app));
        return report.appIds().stream().map(id -> {
            OrganizationApp app = served.get(id);
            return app == null ? new ReportAppView(id, null, null, null, null, null, null, false)
                    : new ReportAppView(app.id(), app.name(), app.description(), app.lastReloadTime(), app.connectionID(),
                            app.connectionName(), app.connectionType(), true);
        }).toList();
    }

    /** The apps' variables; {@code usedInTemplate} marks those the saved template references. */
    List<VariableView> variables(ReportDocument report, TemplateReferences references) {
        List<VariableView> variables = new ArrayList<>();
        for (String appId : report.appIds()) {
            for (VariableInfo variable : read(report, appId, session -> session.variables(SelectionState.EMPTY))) {
                variables.add(new VariableView(AppElementIds.variable(appId, variable.name()), variable.name(),
                        variable.definition(), variable.value(), appId, references.variables().contains(variable.name())));
            }
        }
        return variables;
    }

    /** The apps' objects; {@code usedInTemplate} marks those the saved template references. */
    List<QlikObjectView> objects(ReportDocument report, TemplateReferences references) {
        List<QlikObjectView> objects = new ArrayList<>();
        for (String appId : report.appIds()) {
            for (SheetInfo sheet : read(report, appId, AppSession::sheets)) {
                for (ObjectInfo object : sheet.objects()) {
                    objects.add(new QlikObjectView(AppElementIds.object(appId, object.id()), object.id(), object.title(),
                            object.type(), columns(object), appId, sheet.id(), references.objects().contains(object.id())));
                }
            }
        }
        return objects;
    }

    /**
     * The items a template of the report can use: first, when the saved template references any, a node
     * "Used in the template" with the objects, variables and fields it references (as the apps know them);
     * then one node per sheet of each app with the sheet's objects, then one node with each app's variables
     * and one with its fields. With several apps, node names start with the app's name.
     */
    TemplateItems templateItems(ReportDocument report, TemplateReferences references) {
        List<Node> nodes = new ArrayList<>();
        List<Item> used = new ArrayList<>();
        boolean several = report.appIds().size() > 1;
        for (String appId : report.appIds()) {
            AppContent content = read(report, appId, session -> new AppContent(session.app().name(), session.sheets(),
                    session.variables(SelectionState.EMPTY), session.fields()));
            String prefix = several ? content.appName() + ": " : "";
            content.sheets().stream().flatMap(sheet -> sheet.objects().stream())
                    .filter(o -> references.objects().contains(o.id()))
                    .forEach(o -> used.add(new Item(AppElementIds.object(appId, o.id()), o.id(), o.title(), o.type(), List.of(),
                            columns(o))));
            content.variables().stream().filter(v -> references.variables().contains(v.name()))
                    .forEach(v -> used.add(new Item(AppElementIds.variable(appId, v.name()), v.name(), v.name(), "variable",
                            List.of(), List.of())));
            content.fields().stream().filter(f -> references.fields().contains(f.name()))
                    .forEach(f -> used.add(new Item(AppElementIds.field(appId, f.name()), f.name(), f.name(), "field",
                            List.of(), List.of())));
            for (SheetInfo sheet : content.sheets()) {
                nodes.add(new Node(prefix + sheet.title(), "sheet", "sheet", sheet.objects().stream()
                        .map(o -> new Item(AppElementIds.object(appId, o.id()), o.id(), o.title(), o.type(), List.of(), columns(o)))
                        .toList()));
            }
            if (!content.variables().isEmpty()) {
                nodes.add(new Node(prefix + "Variables", "variables", "variable", content.variables().stream()
                        .map(v -> new Item(AppElementIds.variable(appId, v.name()), v.name(), v.name(), "variable", List.of(),
                                List.of()))
                        .toList()));
            }
            if (!content.fields().isEmpty()) {
                nodes.add(new Node(prefix + "Fields", "fields", "field", content.fields().stream()
                        .map(f -> new Item(AppElementIds.field(appId, f.name()), f.name(), f.name(), "field", List.of(),
                                List.of()))
                        .toList()));
            }
        }
        if (!used.isEmpty()) {
            nodes.add(0, new Node("Used in the template", "template", "template", used));
        }
        return new TemplateItems(nodes);
    }

    private record AppContent(String appName, List<SheetInfo> sheets, List<VariableInfo> variables, List<FieldInfo> fields) {}

    private static List<Column> columns(ObjectInfo object) {
        return object.columns().stream().map(c -> new Column(c.id(), c.name())).toList();
    }

    /**
     * The fields and variables of the apps a request resolves names against, each app opened at most once
     * per request.
     */
    final class Elements {
        private final ReportDocument report;
        private final Map<String, List<FieldInfo>> fields = new LinkedHashMap<>();
        private final Map<String, List<VariableInfo>> variables = new LinkedHashMap<>();

        Elements(ReportDocument report) {
            this.report = report;
        }

        List<FieldInfo> fields(String appId) {
            return fields.computeIfAbsent(appId, id -> read(report, id, AppSession::fields));
        }

        List<VariableInfo> variables(String appId) {
            return variables.computeIfAbsent(appId, id -> read(report, id, s -> s.variables(SelectionState.EMPTY)));
        }
    }

    Elements elements(ReportDocument report) {
        return new Elements(report);
    }

    /**
     * Runs {@code work} on an open session of one of the report's apps and closes it.
     *
     * @throws ApiException 409 when no connection of the report's organization serves the app any more, 502
     *     when the connector fails
     */
    <R> R read(ReportDocument report, String appId, Function<AppSession, R> work) {
        AppSession session;
        try {
            session = apps.open(report.organizationId(), appId);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw ApiException.conflict("Report '" + report.name() + "' uses app " + appId
                        + ", which no connection of its organization serves any more; change the report's qlikAppIDs");
            }
            throw e;
        } catch (RuntimeException e) {
            throw connectorFailed(appId, e);
        }
        try (session) {
            return work.apply(session);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw connectorFailed(appId, e);
        }
    }

    /**
     * 502: a connector's own failure (an {@link ExtensionException}, whose message is written for users: refused
     * credentials, unreachable host, TLS, missing app) is shown; anything else only by its server log reference.
     */
    private static ApiException connectorFailed(String appId, RuntimeException e) {
        String reference = UUID.randomUUID().toString();
        log.warn("Reading app {} failed, reference {}", appId, reference, e);
        String cause = e instanceof ExtensionException ? ": " + e.getMessage() + " (" : "; try again later or check the connection (";
        return new ApiException(HttpStatus.BAD_GATEWAY, "The connection serving app " + appId + " could not read it" + cause
                + "server log reference " + reference + ")", null);
    }
}
