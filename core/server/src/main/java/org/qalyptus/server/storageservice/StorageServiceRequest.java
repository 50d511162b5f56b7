package org.qalyptus.server.storageservice;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The body of a create or update. Settings are the plugin's config fields in {@code settings}; the flat
 * fields of the Qalyptus Cloud API ({@code host}, {@code username}, {@code password}, {@code passiveMode},
 * {@code ftpTestDirectoryPath}, {@code sftpPort}) are accepted too and go to the plugin's field of the
 * same meaning ({@link LegacyFields}).
 *
 * @param organizationID the organization of a new storage service; optional when the caller's API key is
 *     limited to one or the caller belongs to exactly one; fixed afterwards
 * @param type a {@code StorageTarget} type id ({@code Folder}, {@code Ftp}, {@code Sftp} ...); fixed afterwards
 * @param settings on update, a secret field left out keeps its stored value; a secret set to null clears it
 * @param version the version the update is based on (optional; stale → 409)
 */
public record StorageServiceRequest(
        String name,
        String description,
        String type,
        @JsonProperty("organizationID") String organizationID,
        Map<String, Object> settings,
        String host,
        String username,
        String password,
        Boolean passiveMode,
        String ftpTestDirectoryPath,
        Integer sftpPort,
        Long version) {}
