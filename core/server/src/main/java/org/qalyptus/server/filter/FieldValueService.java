package org.qalyptus.server.filter;

import java.util.List;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.report.ReportService;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.FieldValue;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.springframework.stereotype.Service;

/**
 * The values of an app's field, a page at a time, for the pickers of filters, conditions and iteration fields. The app
 * is named through a report the caller may see (its main app by default, or another of its apps), or directly as an
 * app of an organization the caller belongs to. Only reads; the app's data is never changed.
 */
@Service
public class FieldValueService {

    /** The most values one page may hold. */
    public static final int MAX_PAGE = 100;

    private final AppElements apps;
    private final ReportService reports;
    private final OrganizationAccess access;

    FieldValueService(AppElements apps, ReportService reports, OrganizationAccess access) {
        this.apps = apps;
        this.reports = reports;
        this.access = access;
    }

    /** Where the values are read: an organization's app and one of its fields (a name or the field's stable id). */
    public record Source(String reportId, String organizationId, String appId, String field) {}

    /**
     * A field's value: its text and, for numbers, the number (null for text values).
     */
    public record Value(String text, Double number) {}

    /** A page of values and how many match the search in all pages. */
    public record ValuePage(String appId, String fieldId, String fieldName, List<Value> values, long total) {}

    /**
     * One page of values.
     *
     * @throws ApiException 404 for a report or organization the caller may not see (403 without viewReport on a visible
     *     report), 400 naming {@code appId} or {@code field} when the app or field does not exist, 502 when the app
     *     cannot be read
     */
    public ValuePage values(Caller caller, Source source, String search, int offset, int limit) {
        if (source.field() == null || source.field().isBlank()) {
            throw ApiException.invalid("field", "is required");
        }
        if (offset < 0) {
            throw ApiException.invalid("after", "is not a cursor of this list");
        }
        if (limit < 0 || limit > MAX_PAGE) {
            throw ApiException.invalid("first", "must be between 1 and " + MAX_PAGE);
        }
        String organizationId;
        String appId = source.appId();
        if (source.reportId() != null) {
            ReportView report = reports.get(caller, source.reportId());
            organizationId = report.organizationID();
            List<String> reportApps = report.qlikAppIDs() == null ? List.of() : report.qlikAppIDs();
            if (appId == null) {
                if (reportApps.isEmpty()) {
                    throw ApiException.invalid("appId", "is required: the report draws from no app");
                }
                appId = reportApps.get(0);
            } else if (!reportApps.contains(appId)) {
                throw ApiException.invalid("appId", "is not an app of the report");
            }
        } else {
            organizationId = source.organizationId() != null ? source.organizationId() : caller.organizationId();
            if (organizationId == null) {
                throw ApiException.invalid("organizationId", "is required when no report is given");
            }
            if (appId == null) {
                throw ApiException.invalid("appId", "is required when no report is given");
            }
            access.requireMember(caller, organizationId);
        }
        try (OpenApp app = apps.open(organizationId, appId, "appId")) {
            String wanted = source.field();
            FieldInfo field = app.field(wanted, null).or(() -> app.field(null, wanted))
                    .orElseThrow(() -> ApiException.invalid("field", "is not a field of the app"));
            FieldValuePage page = app.values(field, search == null || search.isBlank() ? null : search.trim(), offset, limit);
            List<Value> values = page.values().stream().map(FieldValueService::value).toList();
            return new ValuePage(app.id(), AppElementIds.field(app.id(), field.name()), field.name(), values, page.total());
        }
    }

    private static Value value(FieldValue value) {
        return new Value(value.text(), value.number());
    }
}
