package org.qalyptus.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpConversationTest {

    @Test
    void authArgumentsAndCredentialLinesAreRedactedAndTheBodyIsNotLogged() {
        List<String> lines = new ArrayList<>();
        String password = "hunter2-long";
        String plain = Base64.getEncoder().encodeToString(("\0me\0" + password).getBytes(StandardCharsets.UTF_8));
        SmtpConversation conversation = new SmtpConversation(lines::add, password, "me");
        String trace = String.join("\r\n", "EHLO host", "250 ok", "AUTH PLAIN " + plain, "235 ok", "AUTH LOGIN", "334 VXNlcm5hbWU6",
                Base64.getEncoder().encodeToString("me".getBytes(StandardCharsets.UTF_8)), "334 UGFzc3dvcmQ6",
                Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)), "235 ok", "MAIL FROM:<a@b.c>",
                "250 ok", "DATA", "354 go", "Subject: hi", "", "secret body " + password, "more", ".", "250 queued",
                "note " + password) + "\r\n";
        byte[] bytes = trace.getBytes(StandardCharsets.UTF_8);
        conversation.write(bytes, 0, bytes.length);
        conversation.finish();

        String text = String.join("\n", lines);
        assertThat(text).doesNotContain(password).doesNotContain(plain)
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain("secret body");
        assertThat(lines).contains("AUTH PLAIN [redacted]", "AUTH LOGIN", "334 UGFzc3dvcmQ6", "[redacted]", "Subject: hi",
                "[message body: 3 lines not logged]", "250 queued", "note [redacted]");
    }
}
