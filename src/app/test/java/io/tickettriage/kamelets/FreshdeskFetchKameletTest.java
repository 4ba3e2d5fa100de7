package io.tickettriage.kamelets;

/** {@code freshdesk-fetch-tickets-action} alone, from the YAML route below. */
class FreshdeskFetchKameletTest extends FetchKameletContract {

    @Override
    String desk() {
        return "freshdesk";
    }

    @Override
    String route() {
        return """
                - route:
                    from:
                      uri: direct:fetch
                      steps:
                        - to:
                            uri: kamelet:freshdesk-fetch-tickets-action
                            parameters:
                              baseUrl: "{{freshdesk.base-url}}"
                              apiKey: "{{freshdesk.api-key}}"
                              lookBack: PT1H
                """;
    }
}
