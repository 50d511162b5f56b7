package org.qalyptus.server.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as the mail package accepts them: a plain {@code local@domain} address, no display name,
 * no control characters (so no header or SMTP command can be injected through one), at most 254 characters.
 */
public final class MailAddresses {

    /** Deliberately narrower than RFC 5322: what real mailboxes look like, nothing that needs quoting. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern SEPARATORS = Pattern.compile("[;,]");

    private MailAddresses() {}

    public static boolean isValid(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches()
                && !address.startsWith(".") && !address.contains("..") && address.indexOf('@') <= 64;
    }

    /** The address trimmed, or null when it is not a valid address. */
    public static String normalize(String address) {
        if (address == null) {
            return null;
        }
        String trimmed = address.strip();
        return isValid(trimmed) ? trimmed : null;
    }

    /**
     * A list of addresses separated by {@code ;} or {@code ,} (as tasks store them): the valid ones, in order,
     * each once (compared without case); blanks ignored.
     */
    public static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return distinct(List.of(SEPARATORS.split(list)));
    }

    /** The entries of a list of addresses that are not valid (blanks ignored). */
    public static List<String> invalidIn(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> invalid = new ArrayList<>();
        for (String part : SEPARATORS.split(list)) {
            if (!part.isBlank() && normalize(part) == null) {
                invalid.add(part.strip());
            }
        }
        return invalid;
    }

    /** The valid addresses of a collection, in order, each once (compared without case). */
    public static List<String> distinct(Collection<String> addresses) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<String> result = new ArrayList<>();
        if (addresses == null) {
            return result;
        }
        for (String address : addresses) {
            String valid = normalize(address);
            if (valid != null && seen.add(valid.toLowerCase(Locale.ROOT))) {
                result.add(valid);
            }
        }
        return result;
    }

    /** The text with every control character (CR and LF included) replaced by a space, for one header line. */
    public static String singleLine(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
    }
}
