package org.qalyptus.server.task;

import java.time.Instant;

/**
 * An external-event trigger: the task runs when the event happens to the app.
 *
 * @param qlikEvent the event ({@link TaskExternalEvent#APP_RELOAD_SUCCEEDED})
 * @param appId the app of the organization the event is about
 * @param startDate no run before (null: none)
 * @param endDate no run after (null: none)
 * @param timeZone the time zone the window is shown in, or null
 */
public record TaskExternalEvent(String id, String name, String description, boolean isActive, String qlikEvent,
        String appId, String execution, int priority, Instant startDate, Instant endDate, String timeZone) {

    public static final String APP_RELOAD_SUCCEEDED = "AppReloadSucceeded";

    TaskExternalEvent withApp(String newAppId) {
        return new TaskExternalEvent(id, name, description, isActive, qlikEvent, newAppId, execution, priority, startDate,
                endDate, timeZone);
    }
}
