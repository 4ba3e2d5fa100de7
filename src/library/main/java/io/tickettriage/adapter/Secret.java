package io.tickettriage.adapter;

/**
 * A secret (an API token, a password) as an adapter binds it for its Kamelets ({@code #bean:<desk>.zammadPassword}): an
 * object, not text, so that Camel hands it to the beans without reading it as placeholder text, which would change
 * a secret holding {@code {{}, {@code }}} or a backslash.
 */
public record Secret(String value) {

    public Secret {
        value = value == null ? "" : value;
    }

    /** The secret's text from a Kamelet property: this, or text given directly (an application's own route). */
    public static String of(Object property) {
        if (property == null) {
            return "";
        }
        return property instanceof Secret secret ? secret.value() : property.toString();
    }

    @Override
    public String toString() {
        return "****";
    }
}
