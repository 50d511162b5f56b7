package org.qalyptus.server.app;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable UUIDs for the elements of an app (fields, variables, bookmarks, objects), which the API names by
 * UUID ({@code qlikFieldID} ...) while connectors name them by their app-given names or ids. The id is
 * derived from the app id, the element kind and its name (name-based UUID), so it is the same on every
 * node and after every restart, and a copy of an app (same names, other app id) gets other ids.
 */
public final class AppElementIds {

    public enum Kind { Field, Variable, Bookmark, Object }

    private AppElementIds() {}

    public static String of(String appId, Kind kind, String name) {
        return UUID.nameUUIDFromBytes((appId + "\u0000" + kind + "\u0000" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public static String field(String appId, String fieldName) {
        return of(appId, Kind.Field, fieldName);
    }

    public static String variable(String appId, String variableName) {
        return of(appId, Kind.Variable, variableName);
    }

    public static String bookmark(String appId, String bookmarkId) {
        return of(appId, Kind.Bookmark, bookmarkId);
    }

    public static String object(String appId, String objectId) {
        return of(appId, Kind.Object, objectId);
    }
}
