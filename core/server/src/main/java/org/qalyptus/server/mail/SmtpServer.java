package org.qalyptus.server.mail;

import java.time.Duration;

/**
 * The SMTP server a message of an organization goes through, resolved from its settings or the server-wide
 * ones, password decrypted. Never leaves the mail package's sending path.
 *
 * @param cacheKey identifies this exact configuration (organization and settings version): sessions and
 *     connections are cached under it
 */
record SmtpServer(String cacheKey, String host, int port, SmtpSecurity security, String username, String password,
        String fromName, String fromAddress, String subjectPrefix, Duration connectionTimeout, Duration timeout) {

    boolean authenticates() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + " " + security + (authenticates() ? " as " + username : "") + "]";
    }
}
