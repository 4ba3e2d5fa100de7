package io.tickettriage.kamelets;

/** {@code rt-update-ticket-action} alone, from the YAML routes below. */
class RtUpdateKameletTest extends UpdateKameletContract {

    private static final String ROUTES = """
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
            - route:
                from:
                  uri: direct:triage
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                    - to:
                        uri: kamelet:rt-update-ticket-action
                        parameters:
                          baseUrl: "{{rt.base-url}}"
                          token: "RAW({{rt.token}})"
                          queueMapping: "RAW(%s)"
                          priorityMapping: "RAW(%s)"
                          reviewQueue: Triage Review
                          note: "true"
                          stateDirectory: "{{app.state}}"
            """;

    @Override
    String desk() {
        return "rt";
    }

    @Override
    String priorityMapping() {
        return "low=0,medium=50,high=100,urgent=150";
    }

    @Override
    String route() {
        return ROUTES.formatted(QUEUE_MAPPING, priorityMapping());
    }
}
