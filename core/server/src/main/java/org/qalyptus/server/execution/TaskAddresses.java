package org.qalyptus.server.execution;

import java.util.ArrayList;
import java.util.List;
import org.qalyptus.server.mail.MailAddresses;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskRecipient;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserStatus;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The addresses a task's recipients stand for when a run sends its email: a user's address, every member of a
 * group, a plain address. Users who left the task's organization or were disabled since receive nothing.
 * Addresses come out valid, in the task's order, each once (compared without case).
 */
@Component
class TaskAddresses {

    private final MongoTemplate mongo;

    TaskAddresses(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    List<String> recipients(TaskDocument task) {
        List<String> addresses = new ArrayList<>();
        for (TaskRecipient recipient : task.recipients()) {
            switch (recipient.type() == null ? "" : recipient.type()) {
                case TaskRecipient.USER -> {
                    UserDocument user = recipient.recipientId() == null ? null
                            : mongo.findById(recipient.recipientId(), UserDocument.class);
                    if (user != null && receives(user, task.organizationId())) {
                        addresses.add(user.email());
                    }
                }
                case TaskRecipient.GROUP -> {
                    Query members = new Query(Criteria.where("memberships").elemMatch(Criteria.where("organizationId")
                            .is(task.organizationId()).and("groupIds").is(recipient.recipientId())));
                    mongo.find(members, UserDocument.class).stream()
                            .filter(u -> receives(u, task.organizationId()))
                            .sorted(java.util.Comparator.comparing(u -> u.email() == null ? "" : u.email()))
                            .forEach(u -> addresses.add(u.email()));
                }
                case TaskRecipient.EMAIL -> addresses.add(recipient.email());
                default -> { }
            }
        }
        return MailAddresses.distinct(addresses);
    }

    private static boolean receives(UserDocument user, String organizationId) {
        return user.email() != null && user.status() != UserStatus.Disabled
                && user.memberships().stream().anyMatch(m -> organizationId.equals(m.organizationId()));
    }
}
