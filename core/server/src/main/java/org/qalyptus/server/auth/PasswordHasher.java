package org.qalyptus.server.auth;

import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Hashes passwords slowly (bcrypt) so that a leaked store does not give them away. */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(12);
    private volatile String decoy;

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }

    /**
     * Checks the password against a hash no password matches, so that refusing an unknown account
     * takes as long as refusing a wrong password and timing does not reveal which emails exist.
     */
    public void spendDecoyTime(String password) {
        String hash = decoy;
        if (hash == null) {
            hash = encoder.encode(UUID.randomUUID().toString());
            decoy = hash;
        }
        encoder.matches(password, hash);
    }
}
