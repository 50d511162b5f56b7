package org.qalyptus.server.web;

/** A request body went over the configured limit while it was being read. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
    }
}
