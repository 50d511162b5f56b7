package org.qalyptus.server.filter;

import java.util.List;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.report.ReportService;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * Opens an app the caller may read, for the console's pickers: named through a report the caller may see (its main
 * app by default, or another of its apps), or directly as an app of an organization the caller belongs to. The one
 * place these access rules live for {@link FieldValueService} and {@link AppContentsService}.
 */
@Component
public class ReadableApps {

    private final AppElements apps;
    private final ReportService reports;
    private final OrganizationAccess access;

    ReadableApps(AppElements apps, ReportService reports, OrganizationAccess access) {
        this.apps = apps;
        this.reports = reports;
        this.access = access;
    }

    /** Which app: through {@code reportId} when given, else {@code appId} of {@code organizationId}. */
    public record AppRef(String reportId, String organizationId, String appId) {}

    /**
     * Opens the app; the caller closes it.
     *
     * @throws ApiException 404 for a report or organization the caller may not see (403 without viewReport on a visible
     *     report), 400 naming {@code appId} or {@code organizationId} when the app is missing or not one of the report's
     *     or organization's apps, 502 when the app cannot be opened
     */
    public OpenApp open(Caller caller, AppRef ref) {
        String organizationId;
        String appId = ref.appId();
        if (ref.reportId() != null) {
            ReportView report = reports.get(caller, ref.reportId());
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
            organizationId = ref.organizationId() != null ? ref.organizationId() : caller.organizationId();
            if (organizationId == null) {
                throw ApiException.invalid("organizationId", "is required when no report is given");
            }
            if (appId == null) {
                throw ApiException.invalid("appId", "is required when no report is given");
            }
            access.requireMember(caller, organizationId);
        }
        return apps.open(organizationId, appId, "appId");
    }
}
