package io.tickettriage.kamelets;

/** {@code rt-fetch-tickets-action} alone, from the YAML route below. */
class RtFetchKameletTest extends FetchKameletContract {

    @Override
    String desk() {
        return "rt";
    }

    @Override
    String route() {
        return """
                - route:
                    from:
                      uri: direct:fetch
                      steps:
                        - to:
                            uri: kamelet:rt-fetch-tickets-action
                            parameters:
                              baseUrl: "{{rt.base-url}}"
                              token: "RAW({{rt.token}})"
                              lookBack: PT1H
                """;
    }
}
