package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tickettriage.adapter.SettingValues;
import io.tickettriage.adapter.freshdesk.FreshdeskSettings;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** A Kamelet property set next to settings is refused with a message that says where it belongs, never ignored. */
class SettingsNextToPropertiesTest {

    @Test
    void aPropertyNextToSettingsIsRefusedNamingItsKey() throws Exception {
        String routes = """
                - route:
                    from:
                      uri: direct:fetch
                      steps:
                        - to:
                            uri: kamelet:freshdesk-fetch-tickets-action
                            parameters: {settings: "#bean:acme.freshdeskSettings", perPage: 20}
                """;
        FreshdeskSettings settings = FreshdeskSettings.read(SettingValues.of("test",
                Map.of("baseUrl", "http://127.0.0.1:9", "apiKey", "key")));
        try (BareCamel camel = BareCamel.start(routes, Map.of(), Map.of("acme.freshdeskSettings", settings))) {
            Exchange exchange = camel.send("direct:fetch", "");
            assertNotNull(exchange.getException(), "refused");
            assertEquals("freshdesk-fetch-tickets-action: perPage is set next to settings, which hold it already: set "
                    + "perPage in the settings' key freshdesk.page-size, not next to settings",
                    rootCause(exchange.getException()).getMessage());
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
