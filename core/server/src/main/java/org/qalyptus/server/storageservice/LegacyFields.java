package org.qalyptus.server.storageservice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.config.ConfigField;

/**
 * The flat settings of the Qalyptus Cloud API and the plugin config field names each may stand for, in
 * order of preference: a flat field goes to the first of its names the plugin declares.
 */
final class LegacyFields {

    static final Map<String, List<String>> NAMES = Map.of(
            "host", List.of("host"),
            "username", List.of("username", "user"),
            "password", List.of("password"),
            "passiveMode", List.of("passiveMode", "passive"),
            "ftpTestDirectoryPath", List.of("ftpTestDirectoryPath", "testDirectory", "directory"),
            "sftpPort", List.of("sftpPort", "port"));

    private LegacyFields() {}

    /** The flat values of the request, by API name, without the nulls. */
    static Map<String, Object> of(StorageServiceRequest request) {
        Map<String, Object> flat = new LinkedHashMap<>();
        put(flat, "host", request.host());
        put(flat, "username", request.username());
        put(flat, "password", request.password());
        put(flat, "passiveMode", request.passiveMode());
        put(flat, "ftpTestDirectoryPath", request.ftpTestDirectoryPath());
        put(flat, "sftpPort", request.sftpPort());
        return flat;
    }

    /**
     * {@code settings} with the flat values merged under the plugin's names (an explicit setting wins);
     * a flat value the plugin has no field for is an error.
     */
    static Map<String, Object> merge(Map<String, Object> flat, Map<String, Object> settings, List<ConfigField> fields,
            String type, List<FieldError> errors) {
        Map<String, Object> merged = new LinkedHashMap<>(settings == null ? Map.of() : settings);
        flat.forEach((apiName, value) -> {
            Optional<String> target = pluginName(apiName, fields);
            if (target.isEmpty()) {
                errors.add(new FieldError(apiName, "does not apply to storage services of type " + type));
            } else {
                merged.putIfAbsent(target.get(), value);
            }
        });
        return merged;
    }

    /** The plugin field a flat API field stands for, if the plugin has one. */
    static Optional<String> pluginName(String apiName, List<ConfigField> fields) {
        return NAMES.get(apiName).stream()
                .filter(name -> fields.stream().anyMatch(f -> f.name().equals(name)))
                .findFirst();
    }

    private static void put(Map<String, Object> flat, String name, Object value) {
        if (value != null) {
            flat.put(name, value);
        }
    }
}
