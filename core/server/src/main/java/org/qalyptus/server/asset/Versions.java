package org.qalyptus.server.asset;

import org.qalyptus.server.web.ApiException;

/**
 * Optimistic concurrency for asset updates. Every answer carries the asset's {@code version}; an update
 * that names the version it was based on (a {@code version} body field or an {@code If-Match} header)
 * is refused with 409 when the asset moved on since, and every write is conditional on the version it
 * read, so two concurrent writers never silently overwrite each other.
 */
public final class Versions {

    private Versions() {}

    /** @throws ApiException 409 when {@code expected} is given and differs from {@code current} */
    public static void check(AssetKind<?> kind, Long current, Long expected) {
        if (expected != null && !expected.equals(current)) {
            throw stale(kind);
        }
    }

    /**
     * The version a client based its update on: the body's {@code version} when present, else the
     * {@code If-Match} header (a number, quoted or not, optionally weak), else null.
     *
     * @throws ApiException 400 when the header is not a version
     */
    public static Long expected(Long bodyVersion, String ifMatch) {
        if (bodyVersion != null) {
            return bodyVersion;
        }
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("If-Match", "must be the version of the object, as a number");
        }
    }

    public static ApiException stale(AssetKind<?> kind) {
        return ApiException.conflict(kind.label() + " was changed by someone else since you read it; reload it and try again");
    }
}
