package io.tickettriage.kamelets;

/** {@code otobo-update-ticket-action} alone, from the YAML routes below. */
class OtoboUpdateKameletTest extends UpdateKameletContract {

    private static final String ROUTES = """
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
            - route:
                from:
                  uri: direct:triage
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                    - to:
                        uri: kamelet:otobo-update-ticket-action
                        parameters:
                          baseUrl: "{{otobo.base-url}}"
                          userLogin: "{{otobo.user-login}}"
                          password: "RAW({{otobo.password}})"
                          queueMapping: "RAW(%s)"
                          priorityMapping: "RAW(%s)"
                          reviewQueue: Triage Review
                          note: "true"
                          stateDirectory: "{{app.state}}"
            """;

    @Override
    String desk() {
        return "otobo";
    }

    @Override
    String priorityMapping() {
        return "low=2 low,medium=3 normal,high=4 high,urgent=5 very high";
    }

    @Override
    String route() {
        return ROUTES.formatted(QUEUE_MAPPING, priorityMapping());
    }
}
