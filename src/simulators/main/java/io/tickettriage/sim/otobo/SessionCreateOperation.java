package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** SessionCreate (Operation/Session/SessionCreate.pm): {@code {"SessionID":"…"}} for an agent's login. */
final class SessionCreateOperation {

    private final Desk desk;
    private final Authenticator authenticator;

    SessionCreateOperation(Desk desk, Authenticator authenticator) {
        this.desk = desk;
        this.authenticator = authenticator;
    }

    JsonNode run(JsonNode data) throws OperationError {
        if (!PerlValues.isHashWithData(data)) {
            throw new OperationError("SessionCreate.MissingParameter", "SessionCreate: The request is empty!");
        }
        if (!PerlValues.isTrue(data.path("Password"))) {
            throw new OperationError("SessionCreate.MissingParameter", "SessionCreate: Password parameter is missing!");
        }
        String login = PerlValues.isTrue(data.path("UserLogin")) ? PerlValues.scalar(data.path("UserLogin")) : "";
        String user = authenticator.login(login, PerlValues.scalar(data.path("Password")))
                .orElseThrow(() -> new OperationError("SessionCreate.AuthFail",
                        "SessionCreate: Authorization failing!"));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("SessionID", desk.createSession(user));
        return result;
    }
}
