package org.qalyptus.server.permission;

import java.util.List;
import org.casbin.jcasbin.rbac.RoleManager;

/**
 * The role links ({@code g}) of a domain's enforcer, read from the request instead of stored: the
 * request's subject is the user followed by their current groups ({@code user:U;group:G1;group:G2}),
 * and a policy subject is linked to it when it is the user or one of those groups. Group membership
 * lives in the user document and changes outside this service; taking it from the request makes every
 * change apply at once on every node, with nothing to synchronise per domain.
 *
 * <p>Stateless, so one instance serves every enforcer and thread. The matcher calls it through its
 * {@code member()} function; as a {@link RoleManager} it also answers jCasbin's role queries the same way.
 */
final class SubjectRoleLinks implements RoleManager {

    static final SubjectRoleLinks INSTANCE = new SubjectRoleLinks();
    static final char SEPARATOR = ';';

    private SubjectRoleLinks() {}

    @Override
    public boolean hasLink(String subject, String member, String... domain) {
        if (subject.equals(member)) {
            return true;
        }
        int from = 0;
        while ((from = subject.indexOf(member, from)) >= 0) {
            int end = from + member.length();
            if ((from == 0 || subject.charAt(from - 1) == SEPARATOR)
                    && (end == subject.length() || subject.charAt(end) == SEPARATOR)) {
                return true;
            }
            from = end;
        }
        return false;
    }

    @Override
    public void clear() {
        // nothing stored
    }

    @Override
    public void addLink(String name1, String name2, String... domain) {
        throw new UnsupportedOperationException("group links come from the request");
    }

    @Override
    public void deleteLink(String name1, String name2, String... domain) {
        throw new UnsupportedOperationException("group links come from the request");
    }

    @Override
    public List<String> getRoles(String name, String... domain) {
        return List.of();
    }

    @Override
    public List<String> getUsers(String name, String... domain) {
        return List.of();
    }

    @Override
    public void printRoles() {
        // nothing stored
    }
}
