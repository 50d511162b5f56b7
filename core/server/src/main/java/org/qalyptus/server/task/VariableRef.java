package org.qalyptus.server.task;

import org.qalyptus.server.app.AppElementIds;

/**
 * A variable of an app, as the API names it ({@code id}, from {@link AppElementIds}) and as it can be
 * found again in another app (its app and name): duplicating a task with an app mapping moves the
 * reference to the same variable of the target app.
 */
public record VariableRef(String id, String appId, String name) {

    public static VariableRef of(String appId, String name) {
        return new VariableRef(AppElementIds.variable(appId, name), appId, name);
    }

    /** The same variable in {@code targetAppId}. */
    public VariableRef inApp(String targetAppId) {
        return of(targetAppId, name);
    }
}
