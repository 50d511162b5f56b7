package org.qalyptus.server.web;

import java.util.UUID;

/** Ids the API takes as text. */
public final class Uuids {

    private Uuids() {}

    /** Whether {@code value} is a UUID written in its canonical 8-4-4-4-12 form (any case); null is not. */
    public static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
