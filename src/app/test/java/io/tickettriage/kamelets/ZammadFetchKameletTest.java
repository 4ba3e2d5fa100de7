package io.tickettriage.kamelets;

/** {@code zammad-fetch-tickets-action} alone, from the YAML route below. */
class ZammadFetchKameletTest extends FetchKameletContract {

    @Override
    String desk() {
        return "zammad";
    }

    @Override
    String route() {
        return """
                - route:
                    from:
                      uri: direct:fetch
                      steps:
                        - to:
                            uri: kamelet:zammad-fetch-tickets-action
                            parameters:
                              baseUrl: "{{zammad.base-url}}"
                              apiToken: "{{zammad.api-token}}"
                              lookBack: PT1H
                """;
    }
}
