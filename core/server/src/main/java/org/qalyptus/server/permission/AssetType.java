package org.qalyptus.server.permission;

/**
 * What a membership is attached to. {@code Project} memberships hold the project's permissions (which
 * every asset inherits in global mode); the others are per-asset memberships used in customizable mode.
 */
public enum AssetType {
    Project, Report, Filter, Condition, Task;

    /** The MongoDB collection holding this type's documents (for assets, keyed by {@code projectId}). */
    public String collection() {
        return switch (this) {
            case Project -> "projects";
            case Report -> "reports";
            case Filter -> "filters";
            case Condition -> "conditions";
            case Task -> "tasks";
        };
    }
}
