package org.qalyptus.server.storageservice;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A storage service as the API shows it. Secret settings are never returned: {@code secretsSet} names
 * those with a stored value and {@code isPasswordSet} says whether the password is one of them. The flat
 * fields of the Qalyptus Cloud API echo the matching settings.
 */
public record StorageServiceView(
        String id,
        String name,
        String description,
        String type,
        @JsonProperty("organizationID") String organizationID,
        Map<String, Object> settings,
        List<String> secretsSet,
        String host,
        String username,
        @JsonProperty("isPasswordSet") boolean isPasswordSet,
        Boolean passiveMode,
        String ftpTestDirectoryPath,
        Integer sftpPort,
        String owner,
        String ownerName,
        @JsonProperty("isMine") boolean isMine,
        Instant createdAt,
        Instant updatedAt,
        Long version) {}
