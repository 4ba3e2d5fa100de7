package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Common.pm's Auth for the one agent the simulated system has: a SessionID, when present, decides alone (an invalid
 * one is not rescued by a valid UserLogin); otherwise UserLogin and Password. There are no customer users.
 */
final class Authenticator {

    private final String userLogin;
    private final String password;
    private final AtomicBoolean revoked = new AtomicBoolean();

    Authenticator(String userLogin, String password) {
        this.userLogin = userLogin;
        this.password = password;
    }

    /** Called inside a desk transaction. */
    Optional<String> authenticate(JsonNode data, Desk desk) {
        if (data == null || !data.isObject()) {
            return Optional.empty();
        }
        String sessionId = PerlValues.scalar(data.path("SessionID"));
        if (PerlValues.isTrue(data.path("SessionID"))) {
            return desk.sessionUser(sessionId);
        }
        if (PerlValues.isTrue(data.path("UserLogin"))) {
            return login(PerlValues.scalar(data.path("UserLogin")), PerlValues.scalar(data.path("Password")));
        }
        return Optional.empty();
    }

    /** Kernel::System::Auth: the agent's login and password, unless an admin changed the password. */
    Optional<String> login(String login, String givenPassword) {
        return !revoked.get() && login.equals(userLogin) && givenPassword.equals(password)
                ? Optional.of(login) : Optional.empty();
    }

    /** The admin changes the agent's password (and, see the simulator, kills its sessions). */
    void revoke() {
        revoked.set(true);
    }

    void restore() {
        revoked.set(false);
    }

    String password() {
        return password;
    }

    String userLogin() {
        return userLogin;
    }
}
