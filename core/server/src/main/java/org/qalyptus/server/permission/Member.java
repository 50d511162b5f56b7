package org.qalyptus.server.permission;

/** A user or a group to grant permissions to. */
public record Member(String id, MemberType type) {}
