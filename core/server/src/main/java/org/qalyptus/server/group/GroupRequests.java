package org.qalyptus.server.group;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** What a group change asks for; {@link GroupService} checks the constraints, so every API refuses alike. */
public final class GroupRequests {

    private GroupRequests() {}

    public record CreateGroup(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @NotNull UUID organizationID) {}

    public record UpdateGroup(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {}
}
