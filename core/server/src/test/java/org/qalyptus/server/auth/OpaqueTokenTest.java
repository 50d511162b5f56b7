package org.qalyptus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpaqueTokenTest {

    @Test
    void encodedTokenParsesBackToTheSameIdAndSecret() {
        OpaqueToken token = OpaqueToken.generate("qak_");

        OpaqueToken parsed = OpaqueToken.parse("qak_", token.encode()).orElseThrow();

        assertThat(parsed.id()).isEqualTo(token.id());
        assertThat(parsed.matches(token.secretHash())).isTrue();
    }

    @Test
    void aChangedSecretDoesNotMatchTheStoredHash() {
        OpaqueToken token = OpaqueToken.generate("qak_");
        OpaqueToken other = OpaqueToken.generate("qak_");

        assertThat(other.matches(token.secretHash())).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void malformedOrForeignTokensDoNotParse() {
        String valid = OpaqueToken.generate("qak_").encode();

        assertThat(OpaqueToken.parse("qak_", null)).isEmpty();
        assertThat(OpaqueToken.parse("qak_", "")).isEmpty();
        assertThat(OpaqueToken.parse("qls_", valid)).isEmpty();
        assertThat(OpaqueToken.parse("qak_", "qak_!!!")).isEmpty();
        assertThat(OpaqueToken.parse("qak_", valid.substring(0, valid.length() - 4))).isEmpty();
        assertThat(OpaqueToken.parse("qak_", valid + "A".repeat(200))).isEmpty();
    }

    @Test
    void printingATokenNeverShowsTheSecret() {
        OpaqueToken token = OpaqueToken.generate("qak_");

        assertThat(token.toString()).doesNotContain(token.encode().substring(30));
    }
}
