package org.qalyptus.server.user;

import org.qalyptus.server.license.License;

/** A membership to give a user: an organization, a role in it and the license the role carries. */
public record NewMembership(String organizationId, String role, License license) {}
