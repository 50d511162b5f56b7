package org.qalyptus.server.graphql;

import java.util.Map;
import org.qalyptus.server.condition.ConditionView;
import org.qalyptus.server.execution.ExecutionViews;
import org.qalyptus.server.filter.FilterView;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.project.ProjectView;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.task.TaskViews;
import org.qalyptus.server.user.UserDocument;
import org.springframework.stereotype.Component;

/** Which service answer is which GraphQL Node type. */
@Component
class NodeTypes {

    private static final Map<Class<?>, String> TYPES = Map.of(
            ProjectView.class, "Project",
            ReportView.class, "Report",
            FilterView.class, "Filter",
            ConditionView.class, "Condition",
            TaskViews.Task.class, "Task",
            ExecutionViews.Execution.class, "Execution",
            OrganizationDocument.class, "Organization",
            UserDocument.class, "User",
            GroupDocument.class, "Group",
            org.qalyptus.server.apikey.ApiKeyDocument.class, "ApiKey");

    /** The GraphQL type of an answer, or null when it is not a Node. */
    String typeOf(Object answer) {
        return answer == null ? null : TYPES.get(answer.getClass());
    }
}
