package io.tickettriage.adapter.zammad;

/**
 * A secret (the API token or the password) as the Zammad adapter binds it for the Kamelets: an object, not text, so
 * that Camel hands it to the beans without reading it as placeholder text, which would change a secret holding
 * {@code {{}, {@code }}} or a backslash.
 */
public record ZammadSecret(String value) {

    public ZammadSecret {
        value = value == null ? "" : value;
    }

    /** The secret's text from a Kamelet property: this, or text given directly (an application's own route). */
    static String of(Object property) {
        if (property == null) {
            return "";
        }
        return property instanceof ZammadSecret secret ? secret.value() : property.toString();
    }

    @Override
    public String toString() {
        return "****";
    }
}
