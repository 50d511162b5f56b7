package org.qalyptus.server.asset;

import org.qalyptus.server.permission.Subject;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.user.UserDocument;

/** A project the caller may add an asset to, with the caller's standing in its organization. */
public record InProject(ProjectDocument project, UserDocument user, Subject subject) {}
