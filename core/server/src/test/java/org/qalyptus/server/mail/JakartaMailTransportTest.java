package org.qalyptus.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** MailTransport against a real SMTP server (GreenMail), plain, STARTTLS (through a relay) and SSL. */
class JakartaMailTransportTest {

    static final String USER = "sender@example.com";
    static final String PASSWORD = "s3cret-Pa55word";

    final List<GreenMail> servers = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final JakartaMailTransport transport = new JakartaMailTransport(null, new MailSendingProperties(Duration.ofSeconds(20),
            Duration.ofMillis(200), Duration.ofSeconds(2), "fallback@example.com", "Qalyptus", List.of("*"), 4));

    @AfterEach
    void stop() {
        transport.close();
        servers.forEach(GreenMail::stop);
    }

    GreenMail greenMail(ServerSetup setup) {
        GreenMail greenMail = new GreenMail(setup.dynamicPort());
        greenMail.setUser(USER, USER, PASSWORD);
        greenMail.start();
        servers.add(greenMail);
        return greenMail;
    }

    static SmtpServer server(String key, int port, SmtpSecurity security, boolean auth, String password) {
        return new SmtpServer(key, "127.0.0.1", port, security, auth ? USER : null, auth ? password : null, "Reports",
                "reports@example.com", "[QA]", Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    static OutgoingMail mail(List<String> to, String subject) {
        return new OutgoingMail(null, null, to, List.of(), List.of(), subject, "<p>Hello</p>", List.of(), List.of());
    }

    String conversation() {
        return String.join("\n", log);
    }

    void assertNoSecretInTheLog() {
        String text = conversation();
        assertThat(text).doesNotContain(PASSWORD)
                .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(Base64.getEncoder().encodeToString((USER + "\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void plainSmtpDeliversWithTheSubjectPrefixAndTheMessageIdItReturns() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        MailOutcome outcome = transport.send(server("plain@1", greenMail.getSmtp().getPort(), SmtpSecurity.None, false, null),
                mail(List.of("ann@example.com"), "Monthly sales"), log::add, Duration.ofSeconds(5));

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.SENT);
        assertThat(outcome.accepted()).containsExactly("ann@example.com");
        assertThat(outcome.attempts()).isEqualTo(1);
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("[QA] Monthly sales");
        assertThat(received.getMessageID()).isEqualTo(outcome.messageId());
        assertThat(received.getFrom()[0].toString()).contains("reports@example.com").contains("Reports");
        assertThat(conversation()).contains("MAIL FROM:<reports@example.com>").contains("RCPT TO:<ann@example.com>")
                .contains("354").contains("Subject: [QA] Monthly sales").contains("lines not logged]");
        assertThat(conversation()).doesNotContain("<p>Hello</p>");
    }

    @Test
    void sslWithAuthenticationDeliversAndTheLogHasNoCredential() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));

        MailOutcome outcome = transport.send(server("ssl@1", greenMail.getSmtps().getPort(), SmtpSecurity.Ssl, true, PASSWORD),
                mail(List.of("ann@example.com"), "Over TLS"), log::add, Duration.ofSeconds(5));

        assertThat(outcome.status()).as(conversation()).isEqualTo(MailOutcome.Status.SENT);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(conversation()).contains("AUTH").contains("235");
        assertNoSecretInTheLog();
    }

    @Test
    void startTlsWithAuthenticationDeliversAndTheLogHasNoCredential() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (SmtpRelay relay = new SmtpRelay(greenMail.getSmtp().getPort(), true)) {
            MailOutcome outcome = transport.send(server("tls@1", relay.port(), SmtpSecurity.StartTls, true, PASSWORD),
                    mail(List.of("ann@example.com"), "Upgraded"), log::add, Duration.ofSeconds(5));

            assertThat(outcome.status()).as(conversation()).isEqualTo(MailOutcome.Status.SENT);
            assertThat(relay.clientLines).contains("STARTTLS");
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(conversation()).contains("STARTTLS").contains("AUTH");
            assertNoSecretInTheLog();
        }
    }

    @Test
    void startTlsIsRequiredOnceAsked() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        MailOutcome outcome = transport.send(server("notls@1", greenMail.getSmtp().getPort(), SmtpSecurity.StartTls, true, PASSWORD),
                mail(List.of("ann@example.com"), "Never in clear"), log::add, Duration.ofSeconds(5));

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWrongPasswordIsAPermanentFailureTriedOnce() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));

        MailOutcome outcome = transport.send(server("bad@1", greenMail.getSmtps().getPort(), SmtpSecurity.Ssl, true, "wrong-password"),
                mail(List.of("ann@example.com"), "Refused"), log::add, Duration.ofSeconds(20));

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.detail()).startsWith("Permanent failure");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(conversation()).doesNotContain("wrong-password");
    }

    @Test
    void aServerDownThenUpWithinTheBudgetGetsTheMailOnce() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail later = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        servers.add(later);
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            later.start();
        });
        starter.start();

        MailOutcome outcome = transport.send(server("down@1", port, SmtpSecurity.None, false, null),
                mail(List.of("ann@example.com"), "Patience"), log::add, Duration.ofSeconds(20));
        starter.join();

        assertThat(outcome.status()).as(conversation()).isEqualTo(MailOutcome.Status.SENT);
        assertThat(outcome.attempts()).isGreaterThan(1);
        assertThat(later.getReceivedMessages()).hasSize(1);
        assertThat(conversation()).contains("Transient failure");
    }

    @Test
    void aServerThatStaysDownFailsOnceTheBudgetRunsOut() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long start = System.nanoTime();

        MailOutcome outcome = transport.send(server("gone@1", port, SmtpSecurity.None, false, null),
                mail(List.of("ann@example.com"), "Nobody home"), log::add, Duration.ofSeconds(1));

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.FAILED);
        assertThat(outcome.attempts()).isGreaterThan(1);
        assertThat(outcome.detail()).contains("retry budget");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPermanentlyRefusedRecipientMakesItPartialAndIsLogged() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (SmtpRelay relay = new SmtpRelay(greenMail.getSmtp().getPort(), false).refuse("gone@example.com")) {
            MailOutcome outcome = transport.send(server("partial@1", relay.port(), SmtpSecurity.None, false, null),
                    mail(List.of("ann@example.com", "gone@example.com"), "Some of you"), log::add, Duration.ofSeconds(5));

            assertThat(outcome.status()).as(conversation()).isEqualTo(MailOutcome.Status.PARTIAL);
            assertThat(outcome.accepted()).containsExactly("ann@example.com");
            assertThat(outcome.refused()).containsOnlyKeys("gone@example.com");
            assertThat(outcome.refused().get("gone@example.com")).startsWith("550");
            assertThat(outcome.attempts()).isEqualTo(1);
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()).hasSize(2); // the header names both
            assertThat(greenMail.getReceivedMessagesForDomain("example.com")).hasSize(1);
            assertThat(conversation()).contains("550 5.1.1 <gone@example.com>");
        }
    }

    @Test
    void aRecipientRefusedForNowIsRetriedAloneAndEveryoneGetsItOnce() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (SmtpRelay relay = new SmtpRelay(greenMail.getSmtp().getPort(), false)
                .reply("busy@example.com", "451 4.2.1 try again later")) {
            MailOutcome outcome = transport.send(server("busy@1", relay.port(), SmtpSecurity.None, false, null),
                    mail(List.of("ann@example.com", "busy@example.com"), "Twice tried"), log::add, Duration.ofSeconds(10));

            assertThat(outcome.status()).as(conversation()).isEqualTo(MailOutcome.Status.SENT);
            assertThat(outcome.attempts()).isEqualTo(2);
            assertThat(outcome.accepted()).containsExactlyInAnyOrder("ann@example.com", "busy@example.com");
            long rcptAnn = relay.clientLines.stream().filter(l -> l.equalsIgnoreCase("RCPT TO:<ann@example.com>")).count();
            assertThat(rcptAnn).isEqualTo(1);
            assertThat(greenMail.getReceivedMessages()).hasSize(2); // one per recipient in GreenMail's store
            assertThat(conversation()).contains("451 4.2.1");
        }
    }

    @Test
    void theConnectionIsReusedForTheNextMail() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        SmtpServer server = server("reuse@1", greenMail.getSmtp().getPort(), SmtpSecurity.None, false, null);

        transport.send(server, mail(List.of("ann@example.com"), "One"), SmtpLog.NONE, Duration.ZERO);
        MailOutcome second = transport.send(server, mail(List.of("bob@example.com"), "Two"), log::add, Duration.ZERO);

        assertThat(second.status()).isEqualTo(MailOutcome.Status.SENT);
        assertThat(conversation()).contains("Reusing the open connection").doesNotContain("EHLO");
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void htmlReportsAreTheBodyWithCidImagesAndOtherFilesAreAttached() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        String report = "<html><head><style>td{color:red}</style></head><body><table><tr><td>Sales 42</td></tr></table>"
                + "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></body></html>";
        OutgoingMail mail = new OutgoingMail("Ops", "ops@example.com", List.of("ann@example.com"), List.of("cc@example.com"),
                List.of("hidden@example.com"), "Report\r\nBcc: injected@example.com", "<p>See below</p>",
                List.of(new MailFile("data.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        new ByteArrayResource(new byte[] {1, 2, 3}))),
                List.of(new MailFile("report.html", "text/html", new ByteArrayResource(report.getBytes(StandardCharsets.UTF_8))),
                        new MailFile("chart.png", "image/png", new ByteArrayResource(png)),
                        new MailFile("report.pdf", "application/pdf", new ByteArrayResource("%PDF-1.4".getBytes(StandardCharsets.UTF_8)))));

        MailOutcome outcome = transport.send(server("embed@1", greenMail.getSmtp().getPort(), SmtpSecurity.None, false, null),
                mail, log::add, Duration.ofSeconds(5));

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.SENT);
        assertThat(outcome.accepted()).containsExactly("ann@example.com", "cc@example.com", "hidden@example.com");
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("[QA] Report Bcc: injected@example.com");
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getFrom()[0].toString()).contains("ops@example.com").contains("Ops");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContain("\nBcc:").contains("Subject: [QA] Report Bcc: injected@example.com\r\n");
        Multipart mixed = (Multipart) received.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        Multipart related = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/related");
        String html = (String) related.getBodyPart(0).getContent();
        assertThat(html).contains("See below").contains("Sales 42").contains("td{color:red}").doesNotContain("data:image");
        assertThat(related.getCount()).isEqualTo(3); // html, the report's image, the embedded image
        for (int i = 1; i < related.getCount(); i++) {
            String cid = related.getBodyPart(i).getHeader("Content-ID")[0];
            assertThat(html).contains("cid:" + cid.substring(1, cid.length() - 1));
            assertThat(related.getBodyPart(i).getDisposition()).isEqualTo(Part.INLINE);
        }
        List<String> attached = new ArrayList<>();
        for (int i = 1; i < mixed.getCount(); i++) {
            assertThat(mixed.getBodyPart(i).getDisposition()).isEqualTo(Part.ATTACHMENT);
            attached.add(mixed.getBodyPart(i).getFileName());
        }
        assertThat(attached).containsExactly("data.xlsx", "report.pdf");
    }

    @Test
    void invalidAddressesAreRefusedWithoutReachingTheServer() throws Exception {
        GreenMail greenMail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        MailOutcome outcome = transport.send(server("invalid@1", greenMail.getSmtp().getPort(), SmtpSecurity.None, false, null),
                mail(List.of("ann@example.com", "evil@example.com\r\nRCPT TO:<x@example.com>", "not an address"), "Careful"),
                log::add, Duration.ofSeconds(5));

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.PARTIAL);
        assertThat(outcome.accepted()).containsExactly("ann@example.com");
        assertThat(outcome.refused()).hasSize(2);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(log).doesNotContain("RCPT TO:<x@example.com>").contains("RCPT TO:<ann@example.com>");
    }
}
