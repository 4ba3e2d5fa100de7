package io.tickettriage.kamelets;

/** {@code zammad-update-ticket-action} alone, from the YAML routes below. */
class ZammadUpdateKameletTest extends UpdateKameletContract {

    private static final String ROUTES = """
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
            - route:
                from:
                  uri: direct:triage
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                    - to:
                        uri: kamelet:zammad-update-ticket-action
                        parameters:
                          baseUrl: "{{zammad.base-url}}"
                          apiToken: "{{zammad.api-token}}"
                          queueMapping: "RAW(%s)"
                          priorityMapping: "RAW(%s)"
                          reviewGroup: Triage Review
                          note: "true"
                          stateDirectory: "{{app.state}}"
            """;

    @Override
    String desk() {
        return "zammad";
    }

    @Override
    String priorityMapping() {
        return "low=1 low,medium=2 normal,high=3 high,urgent=3 high";
    }

    @Override
    String route() {
        return ROUTES.formatted(QUEUE_MAPPING, priorityMapping());
    }
}
