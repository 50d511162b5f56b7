package org.qalyptus.server.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;

/**
 * Inputs and payloads of the administration mutations (users, groups, organizations, API keys, identity
 * providers, storage services): request fields typed as REST types them, and payloads with several keys.
 */
final class AdminInputs {

    private AdminInputs() {}

    /**
     * A UUID field of a request record (plain or global id): null stays null for the service's validation to
     * refuse; text that is not an id is refused under the REST field's name, as REST's JSON reading does.
     */
    static UUID uuid(Map<String, Object> input, String key, String type, String restField) {
        String text = Inputs.id(input, key, type);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(restField, "must be a UUID");
        }
    }

    /**
     * Runs a change answering several payload keys: on success the change's keys and empty userErrors; on a
     * refusal the lists named in {@code emptyLists} empty (GraphQL lists of payloads are non-null), the other
     * keys null, and the refusal as userErrors.
     */
    static Map<String, Object> payload(Supplier<Map<String, ?>> change, String... emptyLists) {
        Map<String, Object> payload = new LinkedHashMap<>();
        try {
            payload.putAll(change.get());
            payload.put("userErrors", List.of());
        } catch (ApiException refused) {
            for (String key : emptyLists) {
                payload.put(key, List.of());
            }
            payload.put("userErrors", UserErrors.of(refused));
        }
        return payload;
    }

    /** A map allowing null values, for payloads. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Runs a change, renaming the fields of a validation refusal (REST's {@code value[0].license} becomes the
     * input's {@code organizationRoles[0].license}), so userErrors name what the caller sent.
     */
    static <T> T renamingFields(Supplier<T> change, UnaryOperator<String> rename) {
        try {
            return change.get();
        } catch (ApiException refused) {
            if (refused.details() instanceof List<?> details && !details.isEmpty()
                    && details.stream().allMatch(FieldError.class::isInstance)) {
                throw ApiException.invalid(details.stream().map(FieldError.class::cast)
                        .map(f -> new FieldError(f.field() == null ? null : rename.apply(f.field()), f.message()))
                        .toList());
            }
            throw refused;
        }
    }
}
