package org.qalyptus.render;

import java.util.List;

/**
 * What a render wrote.
 *
 * @param format the output format's type id
 * @param fileExtension without the dot
 * @param mediaType the file's media type
 * @param bytes how many bytes were written
 * @param pages the number of pages for paged outputs (PDF and page images), 0 otherwise
 * @param refusedReferences references the document asked for that were not loaded (an image or stylesheet
 *     at an http/file URL, an unknown asset): worth a warning in the execution log
 */
public record RenderResult(String format, String fileExtension, String mediaType, long bytes, int pages,
        List<String> refusedReferences) {

    public RenderResult {
        refusedReferences = List.copyOf(refusedReferences);
    }
}
