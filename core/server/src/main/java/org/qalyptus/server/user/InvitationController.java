package org.qalyptus.server.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The public end of an invitation: the invited person chooses a password. */
@RestController
@Tag(name = "Users")
class InvitationController {

    static final String ACCEPT_ROUTE = "/api/v1/invitations/accept";

    private final InvitationService invitations;

    InvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    record AcceptInvitation(@NotBlank @Size(max = 200) String token, @NotBlank @Size(min = 8, max = 1024) String password,
            @Size(max = 200) String firstName, @Size(max = 200) String lastName) {}

    record AcceptedUser(String id, String email, String status) {}

    @Operation(summary = "Accept an invitation: sets the password and activates the account (no credential needed)")
    @PostMapping(ACCEPT_ROUTE)
    ApiResponse<AcceptedUser> accept(@Valid @RequestBody AcceptInvitation request) {
        UserDocument user = invitations.accept(request.token(), request.password(), request.firstName(), request.lastName());
        return ApiResponse.ok(new AcceptedUser(user.id(), user.email(), user.status().name()));
    }
}
