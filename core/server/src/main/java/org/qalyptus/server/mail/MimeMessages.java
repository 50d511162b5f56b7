package org.qalyptus.server.mail;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Builds the MIME message of an {@link OutgoingMail}: mixed [ related [ HTML body, inline parts ], attachments ].
 * Embedded HTML files become the body after the message (their {@code data:} images turned into cid parts);
 * embedded images are shown inline below it; other embedded files are attached. Headers are single lines
 * (control characters replaced) and addresses must be plain valid addresses, so nothing can be injected.
 */
final class MimeMessages {

    private MimeMessages() {}

    /** A message that keeps the Message-ID it was given instead of generating one on save. */
    static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** Thrown when the mail itself is wrong (not an SMTP problem): a permanent failure. */
    static final class InvalidMail extends Exception {
        InvalidMail(String message) {
            super(message);
        }
    }

    static String newMessageId(String fromAddress) {
        return messageId(UUID.randomUUID().toString(), fromAddress);
    }

    /** {@code <key@sender's domain>}; the key is kept to the characters a Message-ID's local part allows unquoted. */
    static String messageId(String key, String fromAddress) {
        String domain = fromAddress != null && fromAddress.contains("@")
                ? fromAddress.substring(fromAddress.indexOf('@') + 1) : "qalyptus.local";
        return "<" + key.replaceAll("[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]", "-") + "@" + domain + ">";
    }

    static String subject(SmtpServer server, String subject) {
        String text = MailAddresses.singleLine(subject == null ? "" : subject);
        String prefix = MailAddresses.singleLine(server.subjectPrefix());
        if (prefix == null || prefix.isEmpty()) {
            return text;
        }
        return prefix + " " + text;
    }

    static MimeMessage build(Session session, SmtpServer server, MailSendingProperties defaults, OutgoingMail mail,
            String messageId, String fromAddress) throws MessagingException, IOException, InvalidMail {
        MimeMessage message = new IdentifiedMessage(session, messageId);
        String fromName = MailAddresses.singleLine(firstNonBlank(mail.fromName(), server.fromName(), defaults.fromName()));
        message.setFrom(new InternetAddress(fromAddress, fromName, StandardCharsets.UTF_8.name()));
        message.setRecipients(MimeMessage.RecipientType.TO, addresses(mail.to()));
        if (!mail.cc().isEmpty()) {
            message.setRecipients(MimeMessage.RecipientType.CC, addresses(mail.cc()));
        }
        // Bcc recipients are in the envelope only: no header names them.
        message.setSubject(subject(server, mail.subject()), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("X-Mailer", "Qalyptus OSS");

        List<MailFile> attachments = new ArrayList<>(mail.attachments());
        List<MailFile> htmlReports = new ArrayList<>();
        List<MailFile> images = new ArrayList<>();
        for (MailFile file : mail.embedded()) {
            if (isHtml(file)) {
                htmlReports.add(file);
            } else if (isImage(file)) {
                images.add(file);
            } else {
                attachments.add(file);
            }
        }
        List<MimeBodyPart> inline = new ArrayList<>();
        String html = body(mail.htmlBody(), htmlReports, images, inline);

        MimeMultipart related = null;
        if (!inline.isEmpty()) {
            related = new MimeMultipart("related");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html, StandardCharsets.UTF_8.name(), "html");
            related.addBodyPart(htmlPart);
            for (MimeBodyPart part : inline) {
                related.addBodyPart(part);
            }
        }
        if (attachments.isEmpty()) {
            if (related == null) {
                message.setText(html, StandardCharsets.UTF_8.name(), "html");
            } else {
                message.setContent(related);
            }
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart content = new MimeBodyPart();
            if (related == null) {
                content.setText(html, StandardCharsets.UTF_8.name(), "html");
            } else {
                content.setContent(related);
            }
            mixed.addBodyPart(content);
            for (MailFile file : attachments) {
                mixed.addBodyPart(filePart(file, Part.ATTACHMENT, null));
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    private static InternetAddress[] addresses(List<String> list) throws InvalidMail {
        List<InternetAddress> result = new ArrayList<>();
        for (String address : list) {
            String valid = MailAddresses.normalize(address);
            if (valid == null) {
                throw new InvalidMail("'" + MailAddresses.singleLine(address) + "' is not a valid email address");
            }
            try {
                result.add(new InternetAddress(valid, true));
            } catch (jakarta.mail.internet.AddressException e) {
                throw new InvalidMail("'" + valid + "' is not a valid email address");
            }
        }
        return result.toArray(InternetAddress[]::new);
    }

    private static String body(String message, List<MailFile> htmlReports, List<MailFile> images, List<MimeBodyPart> inline)
            throws IOException, MessagingException {
        Document document = Jsoup.parse(message == null ? "" : message);
        document.outputSettings().prettyPrint(false);
        for (MailFile report : htmlReports) {
            Document reportDocument;
            try (InputStream in = report.content().getInputStream()) {
                reportDocument = Jsoup.parse(in, StandardCharsets.UTF_8.name(), "");
            }
            int index = 0;
            for (Element image : reportDocument.select("img[src^=data:]")) {
                MimeBodyPart part = dataUriPart(image.attr("src"), "image" + (++index));
                if (part != null) {
                    String cid = UUID.randomUUID() + "@qalyptus";
                    part.setContentID("<" + cid + ">");
                    inline.add(part);
                    image.attr("src", "cid:" + cid);
                }
            }
            for (Element style : reportDocument.head().select("style")) {
                document.head().appendChild(style.clone());
            }
            Element section = document.body().appendElement("div").attr("class", "qalyptus-report");
            for (var child : new ArrayList<>(reportDocument.body().childNodes())) {
                section.appendChild(child);
            }
        }
        for (MailFile image : images) {
            String cid = UUID.randomUUID() + "@qalyptus";
            MimeBodyPart part = filePart(image, Part.INLINE, cid);
            inline.add(part);
            document.body().appendElement("div").appendElement("img").attr("src", "cid:" + cid)
                    .attr("alt", image.fileName() == null ? "" : image.fileName());
        }
        return document.outerHtml();
    }

    private static MimeBodyPart dataUriPart(String src, String name) throws MessagingException {
        int comma = src.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String header = src.substring("data:".length(), comma);
        if (!header.endsWith(";base64")) {
            return null;
        }
        String type = header.substring(0, header.length() - ";base64".length()).toLowerCase(Locale.ROOT);
        if (!type.matches("image/[a-z0-9.+-]+")) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(src.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new BytesSource(bytes, type, name)));
        part.setDisposition(Part.INLINE);
        part.setFileName(name + "." + type.substring("image/".length()).replaceAll("[^a-z0-9]", ""));
        return part;
    }

    private static MimeBodyPart filePart(MailFile file, String disposition, String cid) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        String name = fileName(file);
        part.setDataHandler(new DataHandler(new FileSource(file, name)));
        part.setDisposition(disposition);
        try {
            part.setFileName(MimeUtility.encodeText(name, StandardCharsets.UTF_8.name(), null));
        } catch (UnsupportedEncodingException e) {
            part.setFileName(name);
        }
        if (cid != null) {
            part.setContentID("<" + cid + ">");
        }
        return part;
    }

    private static String fileName(MailFile file) {
        String name = MailAddresses.singleLine(file.fileName());
        return name == null || name.isEmpty() ? "file" : name.replaceAll("[\\\\/\"]", "_");
    }

    static boolean isHtml(MailFile file) {
        return contentType(file).startsWith("text/html") || lowerName(file).endsWith(".html") || lowerName(file).endsWith(".htm");
    }

    static boolean isImage(MailFile file) {
        return contentType(file).startsWith("image/") || lowerName(file).matches(".*\\.(png|jpe?g|gif|bmp|webp|svg)$");
    }

    private static String contentType(MailFile file) {
        return file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
    }

    private static String lowerName(MailFile file) {
        return file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** A file read from its source each time the message is written (a retry writes it again). */
    private record FileSource(MailFile file, String name) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return file.content().getInputStream();
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public String getContentType() {
            String type = file.contentType();
            return type == null || type.isBlank() || MailAddresses.singleLine(type).length() != type.length()
                    ? "application/octet-stream" : type;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    private record BytesSource(byte[] bytes, String type, String name) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
