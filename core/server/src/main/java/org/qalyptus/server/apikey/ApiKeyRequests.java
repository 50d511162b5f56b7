package org.qalyptus.server.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What an API key change asks for; {@link ApiKeyService} checks the constraints, so every API refuses alike. */
public final class ApiKeyRequests {

    private ApiKeyRequests() {}

    public record CreateApiKey(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @NotNull OffsetDateTime expiryDate, @NotNull UUID organizationID) {}

    public record UpdateApiKey(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {}
}
