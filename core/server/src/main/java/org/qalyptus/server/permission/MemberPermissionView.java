package org.qalyptus.server.permission;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One member's permissions as the API shows them.
 *
 * @param id the {@code memberPermissionId} the member routes take
 * @param memberID the user's or group's id
 * @param type {@code User} or {@code Group}
 * @param name the user's display name or the group's name
 * @param email the user's email; null for groups
 */
public record MemberPermissionView(
        String id,
        @JsonProperty("memberID") String memberID,
        MemberType type,
        String name,
        String email,
        PermissionDto permissions) {}
