package org.qalyptus.server.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.List;

/**
 * Messages per second through GreenMail: one cached session with its connection reused, against a new
 * connection per mail (idle-connections 0). Run with
 * {@code mvn -B -o -pl core/server -am test -DskipTests -Pserver-benchmark
 * -Dbenchmark.main=org.qalyptus.server.mail.MailTransportBenchmark [-Dbenchmark.args="2000 SSL"]}.
 */
public final class MailTransportBenchmark {

    private MailTransportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        boolean ssl = args.length > 1 && args[1].equalsIgnoreCase("ssl");
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1",
                ssl ? ServerSetup.PROTOCOL_SMTPS : ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.setUser("bench@example.com", "bench@example.com", "bench-password");
        greenMail.start();
        try {
            int port = ssl ? greenMail.getSmtps().getPort() : greenMail.getSmtp().getPort();
            SmtpServer server = new SmtpServer("bench@" + ssl, "127.0.0.1", port, ssl ? SmtpSecurity.Ssl : SmtpSecurity.None,
                    "bench@example.com", "bench-password", "Bench", "bench@example.com", null, Duration.ofSeconds(10),
                    Duration.ofSeconds(10));
            for (int round = 0; round < 2; round++) {
                for (int idle : new int[] {4, 0}) {
                    JakartaMailTransport transport = new JakartaMailTransport(null, new MailSendingProperties(Duration.ZERO,
                            Duration.ofMillis(100), Duration.ofSeconds(1), null, "Bench", List.of("*"), idle));
                    int n = round == 0 ? Math.max(50, count / 10) : count; // the first round warms up
                    long start = System.nanoTime();
                    int sent = 0;
                    for (int i = 0; i < n; i++) {
                        MailOutcome outcome = transport.send(server, new OutgoingMail(null, null, List.of("r" + i + "@example.com"),
                                null, null, "Report " + i, "<p>Sales</p>", null, null), SmtpLog.NONE, Duration.ZERO);
                        sent += outcome.status() == MailOutcome.Status.SENT ? 1 : 0;
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    transport.close();
                    greenMail.purgeEmailFromAllMailboxes();
                    if (round == 1) {
                        System.out.printf("%s, AUTH, %s: %d mails, %d sent, %.2f s, %.0f mails/s%n", ssl ? "SSL" : "plain",
                                idle > 0 ? "cached session, connection reused" : "new connection per mail", n, sent, seconds,
                                sent / seconds);
                    }
                }
            }
        } finally {
            greenMail.stop();
        }
    }
}
