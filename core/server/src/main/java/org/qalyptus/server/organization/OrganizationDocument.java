package org.qalyptus.server.organization;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An organization: separates users, groups, content, apps, authentication and theme.
 *
 * @param name the unique technical name ({@code default} for the one that always exists)
 * @param displayName the name shown to people
 * @param isDefault whether this is the default organization, which cannot be deleted
 * @param qalyptusAuth whether built-in email and password sign-in is allowed
 * @param identityProviderAuth whether sign-in through the organization's identity provider is allowed
 * @param themeId the theme of the organization's console and hub (themes are another feature; the id is
 *     kept as given); null for documents written before the field existed
 * @param identityProviderDefaultRole the license a person signing in through the identity provider gets when no
 *     user matches their verified email and they are created just in time ({@code Viewer}, {@code Explorer} or
 *     {@code Creator}); null when such people are refused (the setting "Off", and documents written before the
 *     field existed)
 */
@Document("organizations")
public record OrganizationDocument(
        @Id String id,
        @Indexed(unique = true) String name,
        String displayName,
        String description,
        boolean isDefault,
        boolean qalyptusAuth,
        boolean identityProviderAuth,
        Instant createdAt,
        String themeId,
        String identityProviderDefaultRole) {

    public static final String DEFAULT_NAME = "default";

    @PersistenceCreator
    public OrganizationDocument {}

    /** The constructor of the first version of this document, kept so existing callers compile unchanged. */
    public OrganizationDocument(String id, String name, String displayName, String description, boolean isDefault,
            boolean qalyptusAuth, boolean identityProviderAuth, Instant createdAt) {
        this(id, name, displayName, description, isDefault, qalyptusAuth, identityProviderAuth, createdAt, null, null);
    }

    /** The constructor of the second version of this document, kept so existing callers compile unchanged. */
    public OrganizationDocument(String id, String name, String displayName, String description, boolean isDefault,
            boolean qalyptusAuth, boolean identityProviderAuth, Instant createdAt, String themeId) {
        this(id, name, displayName, description, isDefault, qalyptusAuth, identityProviderAuth, createdAt, themeId, null);
    }
}
