package org.qalyptus.server.permission;

import com.googlecode.aviator.runtime.function.FunctionUtils;
import com.googlecode.aviator.runtime.type.AviatorBoolean;
import com.googlecode.aviator.runtime.type.AviatorObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.function.CustomFunction;

/**
 * The policy set of one domain (a project and its assets) in one jCasbin enforcer.
 *
 * <p>One policy per membership, {@code p = member, object, flags}: the member is {@code user:<id>} or
 * {@code group:<id>}, the object {@code project} or {@code <AssetType>:<assetId>}, and the flags the 42
 * granted bits as a string. jCasbin evaluates the matcher once per policy, so one policy per membership
 * (rather than one per flag) keeps a check proportional to the number of memberships. Group membership
 * is read from the request's subject (the user and their current groups) by the matcher's {@code member()}
 * ({@link SubjectRoleLinks}), so group changes made elsewhere apply at once. Decisions are kept until the
 * policies change.
 *
 * <p>Thread-safe: the enforcer is a {@link SyncedEnforcer}; in-place updates are serialised on this
 * object.
 */
final class DomainPolicies {

    static final String PROJECT_OBJECT = "project";

    private static final String MODEL = """
            [request_definition]
            r = sub, obj, act

            [policy_definition]
            p = sub, obj, act

            [policy_effect]
            e = some(where (p.eft == allow))

            [matchers]
            m = r.obj == p.obj && granted(p.act, r.act) && member(r.sub, p.sub)
            """;

    static {
        // jCasbin prints every model it builds and every decision at INFO when this is on.
        org.casbin.jcasbin.util.Util.enableLog = false;
    }

    private static final Permission[] FLAGS = Permission.values();
    private static final Map<String, Integer> FLAG_INDEX = indexFlags();

    private final String domain;
    private final SyncedEnforcer enforcer;
    private volatile long checkedAtNanos;
    private volatile long epoch;
    private volatile long version;
    /**
     * Decisions already taken against the current policy set. A decision depends only on the request (the
     * user and their current groups, the object, the flag) and the policies, so it is kept until the
     * policies change; jCasbin evaluates its matcher once per policy, a lookup here does not.
     */
    private volatile Decisions decisions = new Decisions();

    private DomainPolicies(String domain, long version, long checkedAtNanos, long epoch) {
        this.domain = domain;
        this.version = version;
        this.checkedAtNanos = checkedAtNanos;
        this.epoch = epoch;
        this.enforcer = new SyncedEnforcer(Model.newModelFromString(MODEL));
        this.enforcer.enableLog(false);
        this.enforcer.addFunction("granted", new GrantedFunction());
        this.enforcer.addFunction("member", new MemberFunction());
    }

    /** A domain built from every membership of the project, as of {@code version}. */
    static DomainPolicies load(String domain, long version, Collection<PermissionDocument> memberships, long nowNanos,
            long epoch) {
        DomainPolicies policies = new DomainPolicies(domain, version, nowNanos, epoch);
        List<List<String>> rules = new ArrayList<>();
        for (PermissionDocument membership : memberships) {
            rules.add(rule(membership));
        }
        if (!rules.isEmpty()) {
            policies.enforcer.addPolicies(rules);
        }
        return policies;
    }

    String domain() {
        return domain;
    }

    /** The store version this domain's state reflects, including changes applied in place. */
    long version() {
        return version;
    }

    long checkedAtNanos() {
        return checkedAtNanos;
    }

    long epoch() {
        return epoch;
    }

    void checked(long nowNanos, long currentEpoch) {
        checkedAtNanos = nowNanos;
        epoch = currentEpoch;
    }

    /** Whether the user, directly or through one of {@code groupIds}, is granted {@code flag} on {@code object}. */
    boolean grants(String userId, Set<String> groupIds, String object, Permission flag) {
        // Taken before deciding: a decision made while the policies change lands in the set being replaced.
        Decisions current = decisions;
        String subject = requestSubject(userId, groupIds);
        Decision request = new Decision(subject, object, flag);
        Boolean known = current.get(request);
        if (known != null) {
            return known;
        }
        boolean granted = enforcer.enforce(subject, object, flag.flag());
        if (!current.remember(request, granted)) {
            decisions = new Decisions();
        }
        return granted;
    }

    private record Decision(String subject, String object, Permission flag) {}

    /** A bounded memo: when full, the domain starts a new one rather than evicting entry by entry. */
    private static final class Decisions extends java.util.concurrent.ConcurrentHashMap<Decision, Boolean> {

        private static final int MAX_DECISIONS = 20_000;

        /** @return false when full (the decision is not kept) */
        boolean remember(Decision request, boolean granted) {
            if (size() >= MAX_DECISIONS) {
                return false;
            }
            put(request, granted);
            return true;
        }
    }

    /** The user and their current groups, as {@link SubjectRoleLinks} reads them (the order does not matter). */
    static String requestSubject(String userId, Set<String> groupIds) {
        if (groupIds.isEmpty()) {
            return userMember(userId);
        }
        StringBuilder subject = new StringBuilder(userMember(userId));
        for (String groupId : groupIds) {
            subject.append(SubjectRoleLinks.SEPARATOR).append(groupMember(groupId));
        }
        return subject.toString();
    }

    /**
     * Replaces in place every policy of {@code object} with {@code memberships} (the object's memberships as
     * now stored) and records that the domain reflects {@code newVersion}.
     */
    synchronized void replaceObject(String object, List<PermissionDocument> memberships, long newVersion) {
        enforcer.removeFilteredPolicy(1, object);
        List<List<String>> rules = new ArrayList<>();
        for (PermissionDocument membership : memberships) {
            rules.add(rule(membership));
        }
        if (!rules.isEmpty()) {
            enforcer.addPolicies(rules);
        }
        decisions = new Decisions();
        version = newVersion;
    }

    static String objectOf(AssetType type, String assetId) {
        return type == AssetType.Project ? PROJECT_OBJECT : type.name() + ":" + assetId;
    }

    static String userMember(String userId) {
        return "user:" + userId;
    }

    static String groupMember(String groupId) {
        return "group:" + groupId;
    }

    private static List<String> rule(PermissionDocument membership) {
        String member = membership.memberType() == MemberType.Group
                ? groupMember(membership.memberId()) : userMember(membership.memberId());
        return List.of(member, objectOf(membership.assetType(), membership.assetId()), bits(membership.granted()));
    }

    /** The granted flags as a string of '0'/'1' in {@link Permission} order; unknown names are ignored. */
    static String bits(Collection<String> granted) {
        char[] bits = new char[FLAGS.length];
        java.util.Arrays.fill(bits, '0');
        for (String flag : granted) {
            Integer index = FLAG_INDEX.get(flag);
            if (index != null) {
                bits[index] = '1';
            }
        }
        return new String(bits);
    }

    private static Map<String, Integer> indexFlags() {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (Permission flag : FLAGS) {
            index.put(flag.flag(), flag.ordinal());
        }
        return Map.copyOf(index);
    }

    /**
     * {@code member(requestSubject, policySubject)}: whether the policy's member is the requesting user or one of
     * their current groups ({@link SubjectRoleLinks}). A plain function rather than jCasbin's {@code g()}, which
     * memoises each pair under a concatenated key: a quarter of a check's time went there.
     */
    private static final class MemberFunction extends CustomFunction {
        @Override
        public AviatorObject call(Map<String, Object> env, AviatorObject subject, AviatorObject member) {
            return AviatorBoolean.valueOf(SubjectRoleLinks.INSTANCE.hasLink(FunctionUtils.getStringValue(subject, env),
                    FunctionUtils.getStringValue(member, env)));
        }

        @Override
        public String getName() {
            return "member";
        }
    }

    /** {@code granted(bits, flag)}: whether the policy's bit string grants the requested flag. */
    private static final class GrantedFunction extends CustomFunction {
        @Override
        public AviatorObject call(Map<String, Object> env, AviatorObject bits, AviatorObject flag) {
            String granted = FunctionUtils.getStringValue(bits, env);
            Integer index = FLAG_INDEX.get(FunctionUtils.getStringValue(flag, env));
            return AviatorBoolean.valueOf(index != null && index < granted.length() && granted.charAt(index) == '1');
        }

        @Override
        public String getName() {
            return "granted";
        }
    }
}
