package org.qalyptus.server.asset;

import org.qalyptus.server.permission.ProjectRef;
import org.qalyptus.server.permission.Subject;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.user.UserDocument;

/**
 * An asset the caller may see exists, with its project and the caller's standing in the project's
 * organization, as {@link ProjectAssets} found it.
 */
public record Located<T extends ProjectAsset>(T asset, ProjectDocument project, UserDocument user, Subject subject) {

    public ProjectRef projectRef() {
        return project.ref();
    }

    public boolean isMine() {
        return user.id().equals(asset.ownerId());
    }
}
