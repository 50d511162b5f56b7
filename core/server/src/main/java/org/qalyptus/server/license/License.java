package org.qalyptus.server.license;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * A seat level, lowest first. Every role carries one; a user's license is the highest of their roles.
 * Minimum license to create content is {@link #Creator}, to edit {@link #Explorer}, to view {@link #Viewer};
 * {@link #Unlicensed} users reach the admin console only.
 */
public enum License {
    Unlicensed, Viewer, Explorer, Creator;

    /** The level named exactly as the API spells it (case-insensitive), or empty. */
    public static Optional<License> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    public boolean atLeast(License other) {
        return compareTo(other) >= 0;
    }

    public static License highest(Collection<License> licenses) {
        return licenses.stream().max(Enum::compareTo).orElse(Unlicensed);
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
