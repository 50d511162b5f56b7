package org.qalyptus.server.mail;

import java.util.List;
import java.util.Map;

/** The test-mail route's body and answer. */
public final class SmtpTest {

    private SmtpTest() {}

    /** @param to where the test mail goes */
    public record Request(String to) {}

    /**
     * @param status SENT, PARTIAL, FAILED or NOT_CONFIGURED
     * @param conversation the SMTP conversation, credentials redacted
     */
    public record Result(String status, boolean delivered, String messageId, String detail, Map<String, String> refused,
            List<String> conversation) {}
}
