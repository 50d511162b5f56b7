package org.qalyptus.render.office;

import org.qalyptus.render.RenderException;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.spi.render.TemplateKind;

/** Fills Excel, Word and PowerPoint templates (tags documented in docs/report-templates.md). */
public final class OfficeFiller {

    private OfficeFiller() {}

    /** Checks the package (size, zip bomb, kind) then fills it; returns the filled package. */
    public static byte[] fill(TemplateKind kind, byte[] template, OfficeContext context, RenderLimits limits) {
        OfficePackages.check(template, kind, limits);
        try {
            return switch (kind) {
                case EXCEL -> XlsxFiller.fill(template, context);
                case WORD -> DocxFiller.fill(template, context);
                case POWERPOINT -> PptxFiller.fill(template, context);
                default -> throw new RenderException("Not an Office template: " + kind.wireName());
            };
        } catch (RenderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RenderException("The " + kind.wireName() + " template cannot be filled: " + userMessage(e), e);
        }
    }

    /** The innermost cause, without Java class names; DOCTYPEs (never needed in Office files) named as such. */
    static String userMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (message.contains("DOCTYPE")) {
            return "it contains a DOCTYPE declaration (DTDs and entities are refused in templates)";
        }
        return message.replaceAll("(?:[A-Za-z_$][\\w$]*\\.)+[A-Za-z_$][\\w$]*(?:Exception|Error):\\s*", "").replaceFirst("^error:\\s*", "");
    }

    public static TemplateReferences references(TemplateKind kind, byte[] template, RenderLimits limits) {
        OfficePackages.check(template, kind, limits);
        try {
            return switch (kind) {
                case EXCEL -> XlsxFiller.references(template);
                case WORD -> DocxFiller.references(template);
                case POWERPOINT -> PptxFiller.references(template);
                default -> throw new RenderException("Not an Office template: " + kind.wireName());
            };
        } catch (RenderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RenderException("The " + kind.wireName() + " template cannot be read: " + userMessage(e), e);
        }
    }
}
