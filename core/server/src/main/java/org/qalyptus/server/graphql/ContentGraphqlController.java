package org.qalyptus.server.graphql;

import static org.qalyptus.server.graphql.GlobalId.plain;

import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.DataLoader;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.condition.ConditionService;
import org.qalyptus.server.condition.ConditionView;
import org.qalyptus.server.filter.FilterService;
import org.qalyptus.server.filter.FilterView;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.graphql.Connections.Page;
import org.qalyptus.server.permission.MemberPermissionView;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.project.ProjectService;
import org.qalyptus.server.project.ProjectView;
import org.qalyptus.server.report.ReportService;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.task.TaskService;
import org.qalyptus.server.task.TaskViews;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;

/** Reading projects and their content; the same service calls as the REST routes. */
@Controller
class ContentGraphqlController {

    private static final AssetQuery<ProjectView> PROJECTS = new AssetQuery<>(ProjectView::name, ProjectView::owner,
            ProjectView::createdAt, ProjectView::updatedAt);
    private static final AssetQuery<ReportView> REPORTS = new AssetQuery<>(ReportView::name, ReportView::owner,
            ReportView::createdAt, ReportView::updatedAt);
    private static final AssetQuery<FilterView> FILTERS = new AssetQuery<>(FilterView::name, FilterView::owner,
            FilterView::createdAt, FilterView::updatedAt);
    private static final AssetQuery<ConditionView> CONDITIONS = new AssetQuery<>(ConditionView::name,
            ConditionView::owner, ConditionView::createdAt, ConditionView::updatedAt);
    private static final AssetQuery<TaskViews.Task> TASKS = new AssetQuery<>(TaskViews.Task::name,
            TaskViews.Task::owner, TaskViews.Task::createdAt, TaskViews.Task::updatedAt);

    private final ProjectService projects;
    private final ReportService reports;
    private final FilterService filters;
    private final ConditionService conditions;
    private final TaskService tasks;
    private final org.qalyptus.server.organization.OrganizationService organizations;
    private final org.qalyptus.server.user.UserService users;
    private final org.qalyptus.server.group.GroupService groups;
    private final org.qalyptus.server.execution.ExecutionService executions;

    ContentGraphqlController(ProjectService projects, ReportService reports, FilterService filters,
            ConditionService conditions, TaskService tasks,
            org.qalyptus.server.organization.OrganizationService organizations, org.qalyptus.server.user.UserService users,
            org.qalyptus.server.group.GroupService groups, org.qalyptus.server.execution.ExecutionService executions) {
        this.organizations = organizations;
        this.users = users;
        this.groups = groups;
        this.executions = executions;
        this.projects = projects;
        this.reports = reports;
        this.filters = filters;
        this.conditions = conditions;
        this.tasks = tasks;
    }

    static Page page(DataFetchingEnvironment env) {
        return new Page(env.getArgument("first"), env.getArgument("after"), env.getArgument("last"),
                env.getArgument("before")).checked();
    }

    // ---- roots ----

    @QueryMapping
    Connection<ProjectView> projects(@ContextValue Caller caller, @Argument String organizationId,
            @Argument String search, @Argument String ownerId, @Argument Map<String, Object> orderBy,
            DataFetchingEnvironment env) {
        Page page = page(env);
        String organization = organizationId == null ? null : plain(organizationId, "Organization");
        List<ProjectView> all = organization == null ? projects.list(caller)
                : projects.listInOrganization(caller, organization);
        return Connections.of(PROJECTS.apply(all, search, ownerId, orderBy, p -> true), ProjectView::id, page);
    }

    @QueryMapping
    ProjectView project(@ContextValue Caller caller, @Argument String id) {
        return projects.get(caller, plain(id, "Project"));
    }

    @QueryMapping
    Connection<ReportView> reports(@ContextValue Caller caller, @Argument String projectId, @Argument String search,
            @Argument String ownerId, @Argument String type, @Argument Map<String, Object> orderBy,
            DataFetchingEnvironment env) {
        Page page = page(env);
        List<ReportView> all = projectId == null ? reports.list(caller)
                : reports.listInProject(caller, plain(projectId, "Project"));
        return Connections.of(REPORTS.apply(all, search, ownerId, orderBy,
                r -> type == null || type.equalsIgnoreCase(r.type())), ReportView::id, page);
    }

    @QueryMapping
    ReportView report(@ContextValue Caller caller, @Argument String id) {
        return reports.get(caller, plain(id, "Report"));
    }

    @QueryMapping
    Connection<FilterView> filters(@ContextValue Caller caller, @Argument String projectId, @Argument String search,
            @Argument String ownerId, @Argument Map<String, Object> orderBy, DataFetchingEnvironment env) {
        Page page = page(env);
        List<FilterView> all = filters.listWithItems(caller, projectId == null ? null : plain(projectId, "Project"));
        return Connections.of(FILTERS.apply(all, search, ownerId, orderBy, f -> true), FilterView::id, page);
    }

    @QueryMapping
    FilterView filter(@ContextValue Caller caller, @Argument String id) {
        return filters.get(caller, plain(id, "Filter"));
    }

    @QueryMapping
    Connection<ConditionView> conditions(@ContextValue Caller caller, @Argument String projectId,
            @Argument String search, @Argument String ownerId, @Argument Map<String, Object> orderBy,
            DataFetchingEnvironment env) {
        Page page = page(env);
        List<ConditionView> all = conditions.listWithRules(caller, projectId == null ? null : plain(projectId, "Project"));
        return Connections.of(CONDITIONS.apply(all, search, ownerId, orderBy, c -> true), ConditionView::id, page);
    }

    @QueryMapping
    ConditionView condition(@ContextValue Caller caller, @Argument String id) {
        return conditions.get(caller, plain(id, "Condition"));
    }

    @QueryMapping
    Connection<TaskViews.Task> tasks(@ContextValue Caller caller, @Argument String projectId, @Argument String search,
            @Argument String ownerId, @Argument Boolean isActive, @Argument Map<String, Object> orderBy,
            DataFetchingEnvironment env) {
        Page page = page(env);
        List<TaskViews.Task> all = projectId == null ? tasks.list(caller)
                : tasks.listInProjects(caller, List.of(projects.viewableProject(caller, plain(projectId, "Project")).id()));
        return Connections.of(TASKS.apply(all, search, ownerId, orderBy,
                t -> isActive == null || isActive == t.isActive()), TaskViews.Task::id, page);
    }

    @QueryMapping
    TaskViews.Task task(@ContextValue Caller caller, @Argument String id) {
        return tasks.get(caller, plain(id, "Task"));
    }

    @QueryMapping
    Object node(@ContextValue Caller caller, @Argument String id) {
        return GlobalId.decode(id).map(global -> find(caller, global)).orElse(null);
    }

    @QueryMapping
    List<Object> nodes(@ContextValue Caller caller, @Argument List<String> ids) {
        if (ids.size() > Connections.MAX_PAGE) {
            throw ApiException.invalid("ids", "must list at most " + Connections.MAX_PAGE + " ids");
        }
        List<Object> found = new ArrayList<>();
        ids.forEach(id -> found.add(node(caller, id)));
        return found;
    }

    /** The object, or null when it does not exist or the caller may not see it (as REST's 404 and 403). */
    private Object find(Caller caller, GlobalId id) {
        Function<String, Object> get = switch (id.type()) {
            case "Project" -> i -> projects.get(caller, i);
            case "Report" -> i -> reports.get(caller, i);
            case "Filter" -> i -> filters.get(caller, i);
            case "Condition" -> i -> conditions.get(caller, i);
            case "Task" -> i -> tasks.get(caller, i);
            case "Organization" -> i -> organizations.get(caller, i);
            case "User" -> i -> users.get(caller, i);
            case "Group" -> i -> groups.get(caller, i);
            case "Execution" -> i -> executions.get(caller, null, i);
            default -> i -> null;
        };
        try {
            return get.apply(id.id());
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND || refused.status() == HttpStatus.FORBIDDEN
                    || refused.status() == HttpStatus.BAD_REQUEST) {
                return null;
            }
            throw refused;
        }
    }

    // ---- links, batched ----

    @SchemaMapping(typeName = "Project", field = "reports")
    CompletableFuture<Connection<ReportView>> projectReports(ProjectView project, @Argument String search,
            DataFetchingEnvironment env) {
        return children(env, ContentLoaders.REPORTS_OF_PROJECT, project.id(), REPORTS, search, ReportView::id);
    }

    @SchemaMapping(typeName = "Project", field = "filters")
    CompletableFuture<Connection<FilterView>> projectFilters(ProjectView project, @Argument String search,
            DataFetchingEnvironment env) {
        return children(env, ContentLoaders.FILTERS_OF_PROJECT, project.id(), FILTERS, search, FilterView::id);
    }

    @SchemaMapping(typeName = "Project", field = "conditions")
    CompletableFuture<Connection<ConditionView>> projectConditions(ProjectView project, @Argument String search,
            DataFetchingEnvironment env) {
        return children(env, ContentLoaders.CONDITIONS_OF_PROJECT, project.id(), CONDITIONS, search, ConditionView::id);
    }

    @SchemaMapping(typeName = "Project", field = "tasks")
    CompletableFuture<Connection<TaskViews.Task>> projectTasks(ProjectView project, @Argument String search,
            DataFetchingEnvironment env) {
        return children(env, ContentLoaders.TASKS_OF_PROJECT, project.id(), TASKS, search, TaskViews.Task::id);
    }

    @SchemaMapping(typeName = "Project", field = "permissions")
    CompletableFuture<List<MemberPermissionView>> projectPermissions(ProjectView project, DataFetchingEnvironment env) {
        return TaskLoaders.projectPermissions(env, project.id());
    }

    @SchemaMapping(typeName = "Report", field = "permissions")
    CompletableFuture<List<MemberPermissionView>> reportPermissions(ReportView report, DataFetchingEnvironment env) {
        return TaskLoaders.permissions(env, org.qalyptus.server.report.ReportDocument.KIND, report.id());
    }

    @SchemaMapping(typeName = "Filter", field = "permissions")
    CompletableFuture<List<MemberPermissionView>> filterPermissions(FilterView filter, DataFetchingEnvironment env) {
        return TaskLoaders.permissions(env, org.qalyptus.server.filter.FilterDocument.KIND, filter.id());
    }

    @SchemaMapping(typeName = "MemberPermission", field = "permissions")
    List<String> flags(MemberPermissionView member) {
        return member.permissions().toSet().stream().map(Permission::flag).toList();
    }

    @SchemaMapping(typeName = "Report", field = "filters")
    CompletableFuture<Connection<FilterView>> reportFilters(ReportView report, DataFetchingEnvironment env) {
        return children(env, ContentLoaders.FILTERS_OF_REPORT, report.id(), FILTERS, null, FilterView::id);
    }

    @SchemaMapping(typeName = "Report", field = "project")
    CompletableFuture<ProjectView> reportProject(ReportView report, DataFetchingEnvironment env) {
        return project(env, report.projectID());
    }

    @SchemaMapping(typeName = "Filter", field = "project")
    CompletableFuture<ProjectView> filterProject(FilterView filter, DataFetchingEnvironment env) {
        return project(env, filter.project().id());
    }

    @SchemaMapping(typeName = "Condition", field = "project")
    CompletableFuture<ProjectView> conditionProject(ConditionView condition, DataFetchingEnvironment env) {
        return project(env, condition.project().id());
    }

    @SchemaMapping(typeName = "Task", field = "project")
    CompletableFuture<ProjectView> taskProject(TaskViews.Task task, DataFetchingEnvironment env) {
        return project(env, task.projectID());
    }

    @SchemaMapping(typeName = "TaskReport", field = "report")
    CompletableFuture<ReportView> taskReportReport(TaskViews.TaskReport taskReport, DataFetchingEnvironment env) {
        DataLoader<String, ReportView> loader = env.getDataLoader(ContentLoaders.REPORT);
        return loader.load(taskReport.reportID());
    }

    @SchemaMapping(typeName = "Task", field = "recipients")
    CompletableFuture<List<TaskViews.Recipient>> taskRecipients(TaskViews.Task task, DataFetchingEnvironment env) {
        return TaskLoaders.load(env, TaskLoaders.RECIPIENTS_OF_TASK, task.id());
    }

    private CompletableFuture<ProjectView> project(DataFetchingEnvironment env, String projectId) {
        DataLoader<String, ProjectView> loader = env.getDataLoader(ContentLoaders.PROJECT);
        return loader.load(projectId);
    }

    private static <T> CompletableFuture<Connection<T>> children(DataFetchingEnvironment env, String loaderName,
            String parentId, AssetQuery<T> query, String search, Function<T, String> id) {
        Page page = page(env);
        DataLoader<String, List<T>> loader = env.getDataLoader(loaderName);
        return loader.load(parentId).thenApply(all -> Connections.of(
                query.apply(all == null ? List.of() : all, search, null, null, t -> true), id, page));
    }
}
