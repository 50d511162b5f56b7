package org.qalyptus.render;

import java.time.Duration;
import java.util.Objects;

/**
 * The budgets that keep one report from taking the server down. Every one is checked while rendering and
 * ends the render with a {@link RenderException} naming the budget.
 *
 * @param templateTime how long filling a template (FreeMarker or Office tags, data queries included) may
 *     take; an endless template loop is stopped when it runs out
 * @param maxTemplateBytes the largest template accepted (HTML source or Office package, compressed)
 * @param maxFilledChars the largest filled HTML document, in characters
 * @param maxTableRows the most rows one object table may place
 * @param maxImages the most chart images one document may embed
 * @param maxImagePixels the most pixels (width x height) of one image, checked from its header before decoding
 * @param maxImageBytes the largest image or other asset, in bytes
 * @param maxUnzippedBytes the most an Office package may inflate to (all entries together)
 * @param maxZipEntries the most entries an Office package may have
 * @param maxPageImages the most pages a Png/Jpeg output draws
 * @param maxIterationCombinations the most documents one iteration (cycle) may produce
 */
public record RenderLimits(
        Duration templateTime,
        long maxTemplateBytes,
        long maxFilledChars,
        int maxTableRows,
        int maxImages,
        long maxImagePixels,
        long maxImageBytes,
        long maxUnzippedBytes,
        int maxZipEntries,
        int maxPageImages,
        int maxIterationCombinations) {

    public RenderLimits {
        Objects.requireNonNull(templateTime, "templateTime");
    }

    /** Generous for real reports: 10 s per template, 100,000 rows per table, 64 MiB of filled HTML. */
    public static RenderLimits defaults() {
        return new RenderLimits(Duration.ofSeconds(10), 20L << 20, 64L << 20, 100_000, 200, 40_000_000L, 20L << 20,
                256L << 20, 10_000, 50, 10_000);
    }

    public RenderLimits withTemplateTime(Duration time) {
        return new RenderLimits(time, maxTemplateBytes, maxFilledChars, maxTableRows, maxImages, maxImagePixels, maxImageBytes,
                maxUnzippedBytes, maxZipEntries, maxPageImages, maxIterationCombinations);
    }

    public RenderLimits withMaxFilledChars(long chars) {
        return new RenderLimits(templateTime, maxTemplateBytes, chars, maxTableRows, maxImages, maxImagePixels, maxImageBytes,
                maxUnzippedBytes, maxZipEntries, maxPageImages, maxIterationCombinations);
    }

    public RenderLimits withMaxTableRows(int rows) {
        return new RenderLimits(templateTime, maxTemplateBytes, maxFilledChars, rows, maxImages, maxImagePixels, maxImageBytes,
                maxUnzippedBytes, maxZipEntries, maxPageImages, maxIterationCombinations);
    }
}
