package org.qalyptus.render.office;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Set;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.html.LimitedOutputStream;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/**
 * {@code Xlsx}, {@code Docx} and {@code Pptx}: the filled package as it is, or encrypted (ECMA-376 agile
 * encryption, AES-256) with the open password. The write password is applied while filling (sheet and
 * workbook protection, Word read-only enforcement); PowerPoint has no write protection POI can set.
 */
public final class OfficeFormat implements OutputFormat {

    private final String typeId;
    private final String extension;
    private final String mediaType;
    private final TemplateKind kind;

    private OfficeFormat(String typeId, String extension, String mediaType, TemplateKind kind) {
        this.typeId = typeId;
        this.extension = extension;
        this.mediaType = mediaType;
        this.kind = kind;
    }

    public static OfficeFormat xlsx() {
        return new OfficeFormat("Xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                TemplateKind.EXCEL);
    }

    public static OfficeFormat docx() {
        return new OfficeFormat("Docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                TemplateKind.WORD);
    }

    public static OfficeFormat pptx() {
        return new OfficeFormat("Pptx", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                TemplateKind.POWERPOINT);
    }

    @Override
    public String typeId() {
        return typeId;
    }

    @Override
    public String displayName() {
        return typeId.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String fileExtension() {
        return extension;
    }

    @Override
    public String mediaType() {
        return mediaType;
    }

    @Override
    public Set<TemplateKind> templateKinds() {
        return Set.of(kind);
    }

    @Override
    public void render(RenderDocument document, RenderOptions options, OutputStream out) {
        if (document.kind() != kind) {
            throw new RenderException(typeId + " is an output of " + kind.wireName() + " templates, not "
                    + document.kind().wireName());
        }
        try {
            LimitedOutputStream limited = new LimitedOutputStream(out, options.maxOutputBytes());
            if (options.openPasswordIfSet().isPresent()) {
                encrypt(document.content(), options.openPasswordIfSet().get(), limited);
            } else {
                limited.write(document.content());
            }
            limited.flush();
        } catch (IOException | GeneralSecurityException e) {
            throw new RenderException("The " + typeId + " file could not be written: " + e.getMessage(), e);
        }
    }

    static void encrypt(byte[] content, String password, OutputStream out) throws IOException, GeneralSecurityException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword(password);
            try (OutputStream encrypted = encryptor.getDataStream(fs)) {
                encrypted.write(content);
            }
            fs.writeFilesystem(out);
        }
    }
}
