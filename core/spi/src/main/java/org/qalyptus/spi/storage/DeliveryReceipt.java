package org.qalyptus.spi.storage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What a delivery produced.
 *
 * @param location where the file is now, in the target's terms (a path, a URL without credentials)
 * @param bytes how many bytes were written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeliveryReceipt(String location, long bytes) {}
