package org.qalyptus.server.user;

/** Whether a user may sign in: only {@code Active} users can. */
public enum UserStatus { Active, Pending, Disabled }
