package org.qalyptus.server.project;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The bodies the project routes accept. */
public final class ProjectRequests {

    private ProjectRequests() {}

    /**
     * @param organizationID where to create the project; optional when the caller's API key is limited
     *     to an organization or the caller belongs to one organization only
     */
    public record CreateProject(String name, String description, @JsonProperty("organizationID") String organizationID) {}

    public record UpdateProject(String name, String description) {}
}
