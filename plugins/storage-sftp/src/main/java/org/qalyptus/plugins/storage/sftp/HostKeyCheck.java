package org.qalyptus.plugins.storage.sftp;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Checks the host key of one connection against the pinned fingerprint, before anything (password or
 * key signature) is sent to the server, and remembers what the server presented so that messages can
 * name it.
 *
 * <ul>
 *   <li>Pinned: the key must have that fingerprint; any other is refused, {@code trustOnFirstUse} or not.
 *   <li>Not pinned, trust on first use: the key is accepted, and reported so that the host can pin it.
 *   <li>Not pinned, no trust on first use: refused; the message gives the fingerprint to check and pin.
 * </ul>
 */
final class HostKeyCheck implements ServerKeyVerifier {

    enum Outcome { NOT_CHECKED, MATCHED, TRUSTED_ON_FIRST_USE, NOT_PINNED, MISMATCH }

    private final Optional<HostKeyFingerprint> pinned;
    private final boolean trustOnFirstUse;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile HostKeyFingerprint presented;
    private volatile String keyType;

    HostKeyCheck(Optional<HostKeyFingerprint> pinned, boolean trustOnFirstUse) {
        this.pinned = pinned;
        this.trustOnFirstUse = trustOnFirstUse;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        presented = HostKeyFingerprint.of(serverKey);
        keyType = KeyUtils.getKeyType(serverKey);
        if (pinned.isPresent()) {
            outcome = pinned.get().equals(presented) ? Outcome.MATCHED : Outcome.MISMATCH;
        } else {
            outcome = trustOnFirstUse ? Outcome.TRUSTED_ON_FIRST_USE : Outcome.NOT_PINNED;
        }
        return outcome == Outcome.MATCHED || outcome == Outcome.TRUSTED_ON_FIRST_USE;
    }

    Outcome outcome() {
        return outcome;
    }

    boolean refused() {
        return outcome == Outcome.NOT_PINNED || outcome == Outcome.MISMATCH;
    }

    /** {@code ssh-ed25519 key SHA256:...}, what the server presented. */
    String presentedKey() {
        return keyType + " key with the fingerprint " + presented;
    }

    Optional<HostKeyFingerprint> presented() {
        return Optional.ofNullable(presented);
    }

    /** Why the connection was refused, in the user's terms; only meaningful when {@link #refused()}. */
    String refusal(String server) {
        if (outcome == Outcome.MISMATCH) {
            return "HOST KEY MISMATCH: " + server + " presented its " + presentedKey() + ", but " + pinned.get()
                    + " is pinned. The server's key has changed or someone is intercepting the connection; nothing "
                    + "was sent to it. If the server's administrator confirms a new key, set its fingerprint as the "
                    + "host key fingerprint.";
        }
        return "The host key of " + server + " is not pinned: it presented its " + presentedKey() + ". Nothing was "
                + "sent to it. Check the fingerprint with the server's administrator ('ssh-keygen -lf' on the "
                + "server's public key) and set it as the host key fingerprint, or turn on 'trust on first use'.";
    }
}
