package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.condition.ConditionDocument;
import org.qalyptus.server.filter.FilterDocument;
import org.qalyptus.server.permission.MemberPermissionView;
import org.qalyptus.server.project.ProjectService;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskReportService;
import org.qalyptus.server.task.TaskService;
import org.qalyptus.server.task.TaskTriggerService;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * The DataLoaders of a task's parts (email, recipients, triggers, task reports) and of the members'
 * permissions of projects and every asset kind: one batched service call per link and level, whatever the number of
 * parents, with the single reads' permission rules.
 */
@Component
class TaskLoaders {

    static final String EMAIL_OF_TASK = "emailOfTask";
    static final String RECIPIENTS_OF_TASK = "recipientsOfTask";
    static final String TRIGGERS_OF_TASK = "triggersOfTask";
    static final String REPORTS_OF_TASK = "taskReportsOfTask";

    static final String PROJECT_PERMISSIONS = "permissionsOfProject";

    TaskLoaders(BatchLoaderRegistry registry, TaskService tasks, TaskTriggerService triggers,
            TaskReportService taskReports, AssetPermissions permissions, ProjectService projects) {
        ContentLoaders.register(registry, EMAIL_OF_TASK, tasks::emails);
        ContentLoaders.register(registry, RECIPIENTS_OF_TASK, tasks::recipients);
        ContentLoaders.register(registry, TRIGGERS_OF_TASK, triggers::triggers);
        ContentLoaders.register(registry, REPORTS_OF_TASK, taskReports::reports);
        for (AssetKind<?> kind : List.of(ReportDocument.KIND, FilterDocument.KIND, ConditionDocument.KIND, TaskDocument.KIND)) {
            ContentLoaders.register(registry, permissionsLoader(kind), (caller, ids) -> permissions.members(caller, kind, ids));
        }
        ContentLoaders.register(registry, PROJECT_PERMISSIONS, projects::permissions);
    }

    static String permissionsLoader(AssetKind<?> kind) {
        return "permissionsOf" + kind.type().name();
    }

    /** A task's part by its loader; a task the batch left out was not viewable (the single read's 404). */
    static <T> CompletableFuture<T> load(DataFetchingEnvironment env, String loader, String taskId) {
        DataLoader<String, T> dataLoader = env.getDataLoader(loader);
        return dataLoader.load(taskId).thenApply(found -> {
            if (found == null) {
                throw ApiException.notFound("Task " + taskId);
            }
            return found;
        });
    }

    /** An asset's members; an asset the batch left out is one the caller may not manage (the single read's 403). */
    static CompletableFuture<List<MemberPermissionView>> permissions(DataFetchingEnvironment env, AssetKind<?> kind,
            String id) {
        return members(env, permissionsLoader(kind), id, kind.label());
    }

    /** A project's members; one the batch left out is one the caller does not manage (the single read's 403). */
    static CompletableFuture<List<MemberPermissionView>> projectPermissions(DataFetchingEnvironment env, String id) {
        return members(env, PROJECT_PERMISSIONS, id, "project");
    }

    private static CompletableFuture<List<MemberPermissionView>> members(DataFetchingEnvironment env, String loader,
            String id, String what) {
        DataLoader<String, List<MemberPermissionView>> dataLoader = env.getDataLoader(loader);
        return dataLoader.load(id).thenApply(found -> {
            if (found == null) {
                throw ApiException.forbidden("You may not manage the permissions of this " + what);
            }
            return found;
        });
    }
}
