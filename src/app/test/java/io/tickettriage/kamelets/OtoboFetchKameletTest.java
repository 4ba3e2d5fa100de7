package io.tickettriage.kamelets;

/** {@code otobo-fetch-tickets-action} alone, from the YAML route below. */
class OtoboFetchKameletTest extends FetchKameletContract {

    @Override
    String desk() {
        return "otobo";
    }

    @Override
    String route() {
        return """
                - route:
                    from:
                      uri: direct:fetch
                      steps:
                        - to:
                            uri: kamelet:otobo-fetch-tickets-action
                            parameters:
                              baseUrl: "{{otobo.base-url}}"
                              userLogin: "{{otobo.user-login}}"
                              password: "RAW({{otobo.password}})"
                              lookBack: PT1H
                """;
    }
}
