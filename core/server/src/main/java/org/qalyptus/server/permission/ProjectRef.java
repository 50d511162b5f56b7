package org.qalyptus.server.permission;

/**
 * What the permission rules need of a project: its id (the domain), organization, owner and mode.
 *
 * @param globalPermissions true in global mode (assets inherit the project's members), false in
 *     customizable mode (each asset has its own members, seeded from the project's)
 */
public record ProjectRef(String id, String organizationId, String ownerId, boolean globalPermissions) {}
