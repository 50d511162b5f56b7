/**
 * The rendering engine: fills report templates from an app session and converts them to output formats.
 * Entry point: {@link org.qalyptus.render.ReportRenderer}.
 */
package org.qalyptus.render;
