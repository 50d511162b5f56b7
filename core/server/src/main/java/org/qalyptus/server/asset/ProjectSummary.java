package org.qalyptus.server.asset;

import org.qalyptus.server.project.ProjectDocument;

/** The {@code project} object of asset answers: which project an asset belongs to. */
public record ProjectSummary(String id, String name) {

    public static ProjectSummary of(ProjectDocument project) {
        return new ProjectSummary(project.id(), project.name());
    }
}
