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
            throw new RenderException("The " + kind.wireName() + " template cannot be filled: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
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
            throw new RenderException("The " + kind.wireName() + " template cannot be read: " + e.getMessage(), e);
        }
    }
}
