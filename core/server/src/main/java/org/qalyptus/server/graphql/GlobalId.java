package org.qalyptus.server.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.qalyptus.server.web.ApiException;

/**
 * Opaque global ids: base64 of {@code Type:uuid}. Inputs accept a global id or the plain (REST) id, so
 * clients can move between the two APIs.
 */
record GlobalId(String type, String id) {

    static String of(String type, String id) {
        return Base64.getEncoder().encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded id, or empty when the text is not a global id. */
    static Optional<GlobalId> decode(String text) {
        if (text == null || text.length() > 200 || looksLikeUuid(text)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0 || colon == decoded.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new GlobalId(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * The plain id behind a global or plain id, checking a global id names the expected type.
     *
     * @throws ApiException 404 when a global id names another type (it cannot be one of these)
     */
    static String plain(String text, String expectedType) {
        if (text == null) {
            return null;
        }
        Optional<GlobalId> global = decode(text);
        if (global.isEmpty()) {
            return text;
        }
        if (!global.get().type().equals(expectedType)) {
            throw ApiException.notFound(expectedType + " " + text);
        }
        return global.get().id();
    }

    private static boolean looksLikeUuid(String text) {
        return text.length() == 36 && text.charAt(8) == '-' && text.charAt(13) == '-';
    }
}
