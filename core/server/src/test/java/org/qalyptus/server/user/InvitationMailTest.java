package org.qalyptus.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;

class InvitationMailTest {

    @TempDir
    Path dataDir;

    /** A minimal SMTP server that accepts every message and keeps what it received. */
    static final class FakeSmtp implements AutoCloseable {
        final ServerSocket socket;
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> recipients = new CopyOnWriteArrayList<>();

        FakeSmtp() throws IOException {
            socket = new ServerSocket(0);
            Thread thread = new Thread(this::serve, "fake-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    session(client);
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        private void session(Socket client) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            reply(out, "220 fake smtp");
            for (String line; (line = in.readLine()) != null; ) {
                String command = line.toUpperCase();
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 fake");
                } else if (command.startsWith("RCPT")) {
                    recipients.add(line);
                    reply(out, "250 ok");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go on");
                    StringBuilder message = new StringBuilder();
                    for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                        message.append(data).append('\n');
                    }
                    messages.add(message.toString());
                    reply(out, "250 queued");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void withAnSmtpServerTheInvitationIsEmailedAndTheLinkIsNotReturned() throws IOException {
        try (FakeSmtp smtp = new FakeSmtp();
                RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS,
                        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port(),
                        "--qalyptus.invitations.public-url=https://reports.example.com")) {
            TenantFixture tenant = new TenantFixture(server);
            Org org = tenant.organization("Mail");
            Person admin = tenant.administrator(org);
            String email = TenantFixture.unique("mailed") + "@example.com";

            Answer answer = server.http().postJson("/api/v1/users/invite", admin.key(), Http.json(Map.of(
                    "emails", List.of(email), "organizations", List.of(Map.of("organizationID", org.id())))));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().get("emailSent").asBoolean()).isTrue();
            assertThat(answer.data().get("users").get(0).get("invitationLink").isNull()).isTrue();
            assertThat(smtp.recipients).anyMatch(r -> r.contains(email));
            assertThat(smtp.messages).singleElement().satisfies(m ->
                    assertThat(m).contains("https://reports.example.com/invitation#token=qiv_"));
        }
    }
}
