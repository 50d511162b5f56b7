package org.qalyptus.server.permission;

/** Who a membership is for: one user, or every user of a group. */
public enum MemberType { User, Group }
