package io.tickettriage.sim.otobo;

/**
 * An operation that returned {@code Success => 0} (e.g. "Ticket queue could not be updated, please contact system
 * administrator!"): REST.pm answers HTTP 500 with {@code {"faultcode":"Server","faultstring":…}} as text/plain.
 */
final class OperationFailure extends Exception {

    OperationFailure(String message) {
        super(message, null, false, false);
    }
}
