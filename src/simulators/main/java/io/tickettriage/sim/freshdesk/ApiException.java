package io.tickettriage.sim.freshdesk;

/**
 * Ends request handling with an error reply, the way a Rails before-filter renders and halts. Carries no stack
 * trace: it is an answer, not a failure of the simulator.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    ApiException(Reply reply) {
        super("HTTP " + reply.status(), null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }
}
