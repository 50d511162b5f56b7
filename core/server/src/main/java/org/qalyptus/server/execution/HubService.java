package org.qalyptus.server.execution;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.web.ApiException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * What the hub shows a caller: the files of tasks they may view, and of tasks they receive (as a user, through
 * a group or by address) when the file is visible to them (no per-value visibility, or their address in it).
 */
@Service
public class HubService {

    private final MongoTemplate mongo;
    private final ProjectAssets assets;
    private final OrganizationAccess access;
    private final OutputStore outputs;

    HubService(MongoTemplate mongo, ProjectAssets assets, OrganizationAccess access, OutputStore outputs) {
        this.mongo = mongo;
        this.assets = assets;
        this.access = access;
        this.outputs = outputs;
    }

    public List<ExecutionViews.HubFile> files(Caller caller, String taskId) {
        List<ExecutionViews.HubFile> files = new ArrayList<>();
        for (HubEntry entry : visible(caller, taskId)) {
            files.add(new ExecutionViews.HubFile(entry.id(), entry.taskId(), entry.taskName(), entry.taskReportId(),
                    entry.reportName(), entry.executionId(), entry.fileName(), entry.mediaType(), entry.size(),
                    entry.createdAt(), "/api/v1/hub/files/" + entry.id() + "/download"));
        }
        return files;
    }

    ExecutionService.Download download(Caller caller, String id) {
        HubEntry entry = visible(caller, null).stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Hub file " + id));
        return new ExecutionService.Download(entry.fileName(), entry.mediaType(), entry.size(), out -> {
            try (InputStream in = outputs.open(entry.gridFsId())) {
                in.transferTo(out);
            }
        });
    }

    private List<HubEntry> visible(Caller caller, String taskId) {
        Set<String> viewable = new HashSet<>();
        assets.visible(caller, TaskDocument.KIND, null).forEach(l -> viewable.add(l.asset().id()));
        UserDocument user = access.user(caller);
        String email = user.email() == null ? "" : user.email().toLowerCase(Locale.ROOT);
        Set<String> organizations = access.visibleOrganizationIds(caller);
        List<String> subjects = new ArrayList<>();
        subjects.add(user.id());
        user.memberships().stream().filter(m -> organizations.contains(m.organizationId()))
                .forEach(m -> subjects.addAll(m.groupIds()));
        Query receiving = new Query(Criteria.where("organizationId").in(organizations).orOperator(
                Criteria.where("recipients.recipientId").in(subjects), Criteria.where("recipients.email").is(user.email())));
        receiving.fields().include("_id");
        Set<String> received = new HashSet<>();
        mongo.find(receiving, org.bson.Document.class, "tasks").forEach(d -> received.add(d.getString("_id")));
        Set<String> tasks = new HashSet<>(viewable);
        tasks.addAll(received);
        if (taskId != null) {
            tasks.retainAll(Set.of(taskId));
        }
        if (tasks.isEmpty()) {
            return List.of();
        }
        Query query = new Query(Criteria.where("taskId").in(tasks)).with(Sort.by(Sort.Order.desc("createdAt")));
        return mongo.find(query, HubEntry.class).stream()
                .filter(e -> viewable.contains(e.taskId()) || e.visibleTo().isEmpty() || e.visibleTo().contains(email))
                .toList();
    }
}
