package io.tickettriage.sim.zammad;

/** A Zammad user: the system user, the API agent, customers. The login doubles as the name the API shows. */
record StoredUser(long id, String login, String firstname, String lastname, String email) {
}
