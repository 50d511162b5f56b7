package org.qalyptus.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskEmail;
import org.springframework.core.io.ByteArrayResource;

class TaskMailComposerTest {

    final TaskMailComposer composer = new DefaultTaskMailComposer();
    static final ZonedDateTime NOW = ZonedDateTime.of(2031, 3, 4, 10, 0, 0, 0, ZoneId.of("Europe/Paris"));
    static final MailFile PDF = new MailFile("r.pdf", "application/pdf", new ByteArrayResource(new byte[] {1}));

    static TaskEmail email(boolean oneToAll, boolean ccBcc) {
        return new TaskEmail("sales@example.com", ccBcc, "boss@example.com; deputy@example.com", "audit@example.com", null, null,
                "{{TaskName}} - {{ReportName}} for {{ IterationValue }} on {{Date}}",
                "<p>Dear {{RecipientEmail}}</p><script>alert(1)</script><p onclick=\"steal()\">{{IterationValue}}</p>"
                        + "<a href=\"javascript:alert(2)\">x</a><img src=\"cid:logo\">",
                true, oneToAll);
    }

    static TaskMailRequest request(TaskEmail email, boolean testMode, List<String> recipients) {
        return new TaskMailRequest(email, "Monthly sales", "Sales", "<North>", testMode, List.of("qa@example.com"), recipients,
                List.of("var-cc@example.com"), List.of("var-bcc@example.com"), List.of(PDF), List.of(), NOW);
    }

    @Test
    void oneToAllIsOneMessageWithEveryRecipientAndPlaceholdersReplaced() {
        List<OutgoingMail> mails = composer.compose(request(email(true, true), false, List.of("a@example.com", "b@example.com")));

        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail.to()).containsExactly("a@example.com", "b@example.com");
            assertThat(mail.subject()).isEqualTo("Monthly sales - Sales for <North> on 2031-03-04");
            assertThat(mail.htmlBody()).contains("Dear a@example.com, b@example.com").contains("&lt;North&gt;");
            assertThat(mail.fromAddress()).isEqualTo("sales@example.com");
            assertThat(mail.attachments()).containsExactly(PDF);
        });
    }

    @Test
    void onePerRecipientGivesEachRecipientTheirOwnMessage() {
        List<OutgoingMail> mails = composer.compose(request(email(false, false), false, List.of("a@example.com", "b@example.com", "A@example.com")));

        assertThat(mails).hasSize(2);
        assertThat(mails.get(0).to()).containsExactly("a@example.com");
        assertThat(mails.get(0).htmlBody()).contains("Dear a@example.com");
        assertThat(mails.get(1).to()).containsExactly("b@example.com");
        assertThat(mails.get(1).htmlBody()).contains("Dear b@example.com");
    }

    @Test
    void ccAndBccComeFromTheTaskAndTheVariablesOnlyWhenEnabled() {
        OutgoingMail with = composer.compose(request(email(true, true), false, List.of("a@example.com"))).get(0);
        OutgoingMail without = composer.compose(request(email(true, false), false, List.of("a@example.com"))).get(0);

        assertThat(with.cc()).containsExactly("boss@example.com", "deputy@example.com", "var-cc@example.com");
        assertThat(with.bcc()).containsExactly("audit@example.com", "var-bcc@example.com");
        assertThat(without.cc()).isEmpty();
        assertThat(without.bcc()).isEmpty();
    }

    @Test
    void testModeSendsOnlyToTheTestAddressesNamingTheOriginalRecipients() {
        List<OutgoingMail> mails = composer.compose(request(email(false, true), true, List.of("a@example.com", "b@example.com")));

        assertThat(mails).hasSize(2).allSatisfy(mail -> {
            assertThat(mail.to()).containsExactly("qa@example.com");
            assertThat(mail.cc()).isEmpty();
            assertThat(mail.bcc()).isEmpty();
        });
        assertThat(mails.get(0).subject()).startsWith("[To: a@example.com] Monthly sales");
        assertThat(mails.get(1).subject()).startsWith("[To: b@example.com] ");
    }

    @Test
    void testModeWithoutTestAddressesSendsNothing() {
        TaskMailRequest request = new TaskMailRequest(email(true, true), "t", "r", null, true, List.of(), List.of("a@example.com"),
                null, null, null, null, NOW);

        assertThat(composer.compose(request)).isEmpty();
    }

    @Test
    void theMessageIsSanitizedAndTheSubjectIsOneLine() {
        TaskEmail email = new TaskEmail(null, false, null, null, null, null, "Hi\r\nBcc: evil@example.com {{IterationValue}}",
                email(true, false).message(), true, true);
        TaskMailRequest request = new TaskMailRequest(email, "t", "r", "x\r\ny", false, null, List.of("a@example.com", "bad address"),
                null, null, null, null, NOW);

        OutgoingMail mail = composer.compose(request).get(0);

        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n").isEqualTo("Hi Bcc: evil@example.com x y");
        assertThat(mail.htmlBody()).doesNotContain("<script").doesNotContain("onclick").doesNotContain("javascript:")
                .contains("cid:logo");
        assertThat(mail.to()).containsExactly("a@example.com");
        assertThat(mail.fromAddress()).isNull();
    }

    @Test
    void noRecipientNoMessage() {
        assertThat(composer.compose(request(email(true, true), false, List.of()))).isEmpty();
    }

    @Test
    void notificationsFollowTheTaskFlagsAndCarryTheLog() {
        NotificationMails notifications = new DefaultNotificationMails();
        TaskDocument task = new TaskDocument("t1", "p1", "o1", "Monthly sales", "monthly sales", null, "u1", 1L, true, false, null,
                true, true, false, true, "ops@example.com; bad", "cc@example.com", "bcc@example.com", email(true, true), null, null,
                null, null, Instant.now(), Instant.now());
        MailFile log = new MailFile("execution.log", "text/plain", new ByteArrayResource(new byte[] {1}));

        Optional<OutgoingMail> failed = notifications.compose(task, "failed", "e1", Instant.parse("2031-01-01T00:00:00Z"), log);
        Optional<OutgoingMail> warning = notifications.compose(task, "warning", "e1", Instant.now(), log);
        Optional<OutgoingMail> completed = notifications.compose(task, "Completed", "e1", Instant.now(), log);

        assertThat(failed).hasValueSatisfying(mail -> {
            assertThat(mail.to()).containsExactly("ops@example.com");
            assertThat(mail.cc()).containsExactly("cc@example.com");
            assertThat(mail.bcc()).containsExactly("bcc@example.com");
            assertThat(mail.subject()).contains("Monthly sales").contains("failed");
            assertThat(mail.htmlBody()).contains("e1").contains("2031-01-01T00:00:00Z");
            assertThat(mail.attachments()).containsExactly(log);
        });
        assertThat(warning).isEmpty();
        assertThat(completed).hasValueSatisfying(mail -> assertThat(mail.subject()).endsWith("completed"));
        assertThat(notifications.compose(task, "aborted", "e1", Instant.now(), log)).isEmpty();
    }
}
