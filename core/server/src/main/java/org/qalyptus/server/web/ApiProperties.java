package org.qalyptus.server.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest JSON request body the API reads; larger ones get 413
 * @param maxUploadSize the largest multipart (file upload) request body; routes that take files apply their
 *     own, smaller limits to the files themselves
 */
@ConfigurationProperties("qalyptus.api")
public record ApiProperties(@DefaultValue("2MB") DataSize maxBodySize, @DefaultValue("50MB") DataSize maxUploadSize) {}
