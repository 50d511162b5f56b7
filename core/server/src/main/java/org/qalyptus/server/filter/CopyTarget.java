package org.qalyptus.server.filter;

import java.util.Objects;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.InProject;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiException;

/**
 * Where a duplicate of a filter or condition goes: the original's project when the request names none (or
 * names it), else another project of the original's organization in which the caller may create that kind
 * of asset. The request's {@code organizationID}, when given, must be that project's organization.
 */
public final class CopyTarget {

    private CopyTarget() {}

    /**
     * @throws ApiException 400 for a project of another organization or a mismatched organizationID, 404 when
     *     the project is not visible, 403 without the create flag there
     */
    public static InProject of(ProjectAssets assets, Caller caller, AssetKind<?> kind, Located<?> source, String projectId,
            String organizationId) {
        InProject target;
        if (projectId == null || projectId.equals(source.project().id())) {
            target = new InProject(source.project(), source.user(), source.subject());
        } else {
            target = assets.projectForNew(caller, kind, "projectID", projectId);
            if (!target.project().organizationId().equals(source.project().organizationId())) {
                throw ApiException.invalid("projectID", "must be a project of the " + kind.label().toLowerCase()
                        + "'s organization");
            }
        }
        if (organizationId != null && !Objects.equals(organizationId, target.project().organizationId())) {
            throw ApiException.invalid("organizationID", "must be the organization of the project");
        }
        return target;
    }
}
