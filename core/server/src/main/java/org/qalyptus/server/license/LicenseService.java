package org.qalyptus.server.license;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Seat counts. This open-source server has no seat limit ({@code total} is null), but administrators still
 * want to know how many seats of each level are in use. A user's seat is the highest license of their
 * roles; in an organization's count, the license of their role in that organization.
 */
@Service
public class LicenseService {

    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final OrganizationAccess access;

    LicenseService(UserRepository users, OrganizationRepository organizations, OrganizationAccess access) {
        this.users = users;
        this.organizations = organizations;
        this.access = access;
    }

    /** Seats of one level: {@code total} null means unlimited. */
    public record Seats(String license, long used, Long total) {}

    public record OrganizationSeats(String organizationID, String organization, List<Seats> licenses) {}

    /**
     * @param scope {@code tenant} when {@code licenses} counts every user of the installation, {@code organizations}
     *     when it counts the members of the organizations the caller administers
     */
    public record LicenseInfo(String edition, boolean isUnlimited, String scope, List<Seats> licenses,
            List<OrganizationSeats> organizations) {}

    public LicenseInfo info(Caller caller) {
        Set<String> administered = access.administeredOrganizationIds(caller);
        boolean tenant = access.seesWholeTenant(caller);
        if (!tenant && administered.isEmpty()) {
            throw ApiException.forbidden("Only administrators may see the license usage");
        }
        List<OrganizationSeats> perOrganization = new ArrayList<>();
        for (OrganizationDocument organization : organizations.findAllById(administered)) {
            Map<License, Long> counts = new EnumMap<>(License.class);
            for (UserDocument user : users.findByMembershipsOrganizationId(organization.id())) {
                user.membership(organization.id()).ifPresent(m -> counts.merge(m.licenseLevel(), 1L, Long::sum));
            }
            perOrganization.add(new OrganizationSeats(organization.id(), organization.displayName(), seats(counts)));
        }
        Map<License, Long> totals = new EnumMap<>(License.class);
        if (tenant) {
            users.findAll().forEach(user -> totals.merge(user.license(), 1L, Long::sum));
        } else {
            for (UserDocument user : users.findByMembershipsOrganizationIdIn(administered)) {
                License highest = License.highest(user.memberships().stream()
                        .filter(m -> administered.contains(m.organizationId()))
                        .map(UserDocument.Membership::licenseLevel).toList());
                totals.merge(highest, 1L, Long::sum);
            }
        }
        return new LicenseInfo("Open source", true, tenant ? "tenant" : "organizations", seats(totals), perOrganization);
    }

    private static List<Seats> seats(Map<License, Long> counts) {
        List<Seats> seats = new ArrayList<>();
        for (License level : new License[] {License.Creator, License.Explorer, License.Viewer, License.Unlicensed}) {
            seats.add(new Seats(level.name(), counts.getOrDefault(level, 0L), null));
        }
        return seats;
    }
}
