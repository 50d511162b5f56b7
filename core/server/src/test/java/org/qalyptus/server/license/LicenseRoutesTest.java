package org.qalyptus.server.license;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import tools.jackson.databind.JsonNode;

class LicenseRoutesTest {

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final TenantFixture tenant = new TenantFixture(server);

    private static long used(JsonNode seats, String license) {
        return seats.valueStream().filter(s -> s.get("license").asString().equals(license)).findFirst().orElseThrow()
                .get("used").asLong();
    }

    @Test
    void administratorsSeeTheSeatsOfTheirOrganizationByLicense() {
        Org org = tenant.organization("Seats");
        Person admin = tenant.administrator(org);
        tenant.member(org, "Member", "Explorer");
        tenant.viewer(org);
        tenant.viewer(org);

        JsonNode info = http.get("/api/v1/licenses", admin.key()).data();

        assertThat(info.get("isUnlimited").asBoolean()).isTrue();
        assertThat(info.get("scope").asString()).isEqualTo("organizations");
        JsonNode seats = info.get("organizations").get(0).get("licenses");
        assertThat(used(seats, "Creator")).isEqualTo(1);
        assertThat(used(seats, "Explorer")).isEqualTo(1);
        assertThat(used(seats, "Viewer")).isEqualTo(2);
        assertThat(seats.get(0).get("total").isNull()).isTrue();
        assertThat(used(info.get("licenses"), "Viewer")).isEqualTo(2);
    }

    @Test
    void aUsersSeatIsTheHighestOfTheirRoles() {
        Org a = tenant.organization("Seat A");
        Org b = tenant.organization("Seat B");
        Person admin = tenant.administrator(a);
        tenant.join(admin, b, "Administrator", "Creator");
        Person both = tenant.viewer(a);
        tenant.join(both, b, "Member", "Explorer");

        JsonNode info = http.get("/api/v1/licenses", admin.session()).data();

        assertThat(used(info.get("licenses"), "Explorer")).isEqualTo(1);
        assertThat(used(info.get("licenses"), "Viewer")).isZero();
        JsonNode tenantWide = http.get("/api/v1/licenses", tenant.owner().session()).data();
        assertThat(tenantWide.get("scope").asString()).isEqualTo("tenant");
        assertThat(used(tenantWide.get("licenses"), "Creator")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void membersMayNotAndStrangersNeedCredentials() {
        Org org = tenant.organization("Seat members");
        assertThat(http.get("/api/v1/licenses", tenant.viewer(org).key()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/licenses", null).status()).isEqualTo(401);
    }
}
