package org.qalyptus.server.permission;

import org.qalyptus.server.web.Uuids;
import java.util.ArrayList;
import java.util.List;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;

/**
 * The body of every "Set permissions" route (projects and assets): the members (the API's
 * {@code MemberRequestDto}: a user or group by id) and the flags to grant them.
 */
public record SetPermissionsRequest(List<MemberRequest> members, PermissionDto permissions) {

    public record MemberRequest(String id, MemberType type) {}

    /** The members, once every field is valid. @throws ApiException 400 listing every invalid field */
    public List<Member> validMembers() {
        List<FieldError> errors = new ArrayList<>();
        List<Member> valid = new ArrayList<>();
        if (members == null || members.isEmpty()) {
            errors.add(new FieldError("members", "must list at least one user or group"));
        } else {
            for (int i = 0; i < members.size(); i++) {
                MemberRequest member = members.get(i);
                if (member == null) {
                    errors.add(new FieldError("members[" + i + "]", "is required"));
                    continue;
                }
                if (member.id() == null || !Uuids.isUuid(member.id())) {
                    errors.add(new FieldError("members[" + i + "].id", "must be a UUID"));
                }
                if (member.type() == null) {
                    errors.add(new FieldError("members[" + i + "].type", "must be User or Group"));
                }
                valid.add(new Member(member.id(), member.type()));
            }
        }
        if (permissions == null) {
            errors.add(new FieldError("permissions", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return valid;
    }
}
