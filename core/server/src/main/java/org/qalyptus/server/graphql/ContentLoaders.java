package org.qalyptus.server.graphql;

import graphql.GraphQLContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.BatchLoaderEnvironment;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.condition.ConditionService;
import org.qalyptus.server.condition.ConditionView;
import org.qalyptus.server.filter.FilterService;
import org.qalyptus.server.filter.FilterView;
import org.qalyptus.server.project.ProjectService;
import org.qalyptus.server.project.ProjectView;
import org.qalyptus.server.report.ReportService;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.task.TaskService;
import org.qalyptus.server.task.TaskViews;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The DataLoaders behind every link between content types: one batched service call per link and
 * level, whatever the number of parents (projects -> reports -> filters costs the same store queries for
 * 1 or 50 projects). Each calls the same service methods, with the same permission rules, as REST.
 */
@Component
class ContentLoaders {

    static final String PROJECT = "project";
    static final String REPORTS_OF_PROJECT = "reportsOfProject";
    static final String FILTERS_OF_PROJECT = "filtersOfProject";
    static final String CONDITIONS_OF_PROJECT = "conditionsOfProject";
    static final String TASKS_OF_PROJECT = "tasksOfProject";
    static final String FILTERS_OF_REPORT = "filtersOfReport";
    static final String REPORT = "report";

    ContentLoaders(BatchLoaderRegistry registry, ProjectService projects, ReportService reports, FilterService filters,
            ConditionService conditions, TaskService tasks) {
        register(registry, PROJECT, (caller, ids) -> byId(projects.visibleByIds(caller, ids), ProjectView::id));
        register(registry, REPORT, (caller, ids) -> byId(reports.visibleByIds(caller, ids), ReportView::id));
        register(registry, REPORTS_OF_PROJECT,
                (caller, ids) -> grouped(reports.listInProjects(caller, ids), ids, ReportView::projectID));
        register(registry, FILTERS_OF_PROJECT,
                (caller, ids) -> grouped(filters.listInProjects(caller, ids), ids, f -> f.project().id()));
        register(registry, CONDITIONS_OF_PROJECT,
                (caller, ids) -> grouped(conditions.listInProjects(caller, ids), ids, c -> c.project().id()));
        register(registry, TASKS_OF_PROJECT,
                (caller, ids) -> grouped(tasks.listInProjects(caller, ids), ids, TaskViews.Task::projectID));
        register(registry, FILTERS_OF_REPORT, (caller, ids) -> {
            Map<String, List<FilterView>> found = filters.forReports(caller, ids);
            Map<String, Object> all = new HashMap<>();
            ids.forEach(id -> all.put(id, found.getOrDefault(id, List.of())));
            return all;
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void register(BatchLoaderRegistry registry, String name,
            BiFunction<Caller, Set<String>, Map<String, ?>> load) {
        registry.<String, Object>forName(name).registerMappedBatchLoader((keys, env) ->
                Mono.fromCallable(() -> (Map<String, Object>) (Map) load.apply(caller(env), keys)));
    }

    static Caller caller(BatchLoaderEnvironment env) {
        if (env.getContext() instanceof GraphQLContext context && context.get("caller") instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("No caller in the GraphQL context");
    }

    private static <T> Map<String, T> byId(List<T> found, Function<T, String> id) {
        return found.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }

    private static <T> Map<String, List<T>> grouped(List<T> found, Set<String> parents, Function<T, String> parent) {
        Map<String, List<T>> byParent = new HashMap<>();
        parents.forEach(p -> byParent.put(p, new java.util.ArrayList<>()));
        for (T item : found) {
            List<T> list = byParent.get(parent.apply(item));
            if (list != null) {
                list.add(item);
            }
        }
        return byParent;
    }
}
