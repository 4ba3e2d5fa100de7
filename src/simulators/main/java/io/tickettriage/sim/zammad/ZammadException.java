package io.tickettriage.sim.zammad;

/**
 * Ends request handling with an error reply, the way Zammad's {@code rescue_from} handlers render one. Carries no
 * stack trace: it is an answer, not a failure of the simulator.
 */
final class ZammadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    ZammadException(Reply reply) {
        super("HTTP " + reply.status(), null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }
}
