package org.qalyptus.server.graphql;

import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.AppContentsService;
import org.qalyptus.server.filter.AppContentsService.AppContents;
import org.qalyptus.server.filter.ReadableApps.AppRef;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** What an app holds, for the console's pickers ({@link AppContentsService}). */
@Controller
class AppContentsGraphql {

    private final AppContentsService contents;

    AppContentsGraphql(AppContentsService contents) {
        this.contents = contents;
    }

    @QueryMapping
    AppContents appContents(@ContextValue Caller caller, @Argument String reportId, @Argument String organizationId,
            @Argument String appId) {
        return contents.contents(caller, new AppRef(reportId == null ? null : GlobalId.plain(reportId, "Report"),
                organizationId == null ? null : GlobalId.plain(organizationId, "Organization"), appId));
    }
}
