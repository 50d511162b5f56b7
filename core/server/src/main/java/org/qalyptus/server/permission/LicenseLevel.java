package org.qalyptus.server.permission;

import java.util.Arrays;
import java.util.Optional;

/**
 * License seats in increasing order of what they allow: the cap on every content right. Minimum license
 * to view content is Viewer, to edit Explorer, to create Creator; Unlicensed users reach the admin
 * console only.
 */
public enum LicenseLevel {
    Unlicensed, Viewer, Explorer, Creator;

    public boolean allows(LicenseLevel minimum) {
        return compareTo(minimum) >= 0;
    }

    /** The level named as in the API and stored in user memberships; unknown or missing names are none. */
    public static Optional<LicenseLevel> parse(String name) {
        return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(name)).findFirst();
    }

    public static LicenseLevel max(LicenseLevel a, LicenseLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
