package io.tickettriage.adapter.otobo;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Hands each HTTP answer to the exchange's {@link OtoboConversation}. The Kamelets call the web service with
 * {@code enrich} and this strategy rather than with {@code to} and a checking step: a refusal found here fails the
 * enrich itself, so Camel's redelivery of a 5xx repeats the HTTP call, not merely the check of the old answer.
 * Called with throwExceptionOnFailure=false, so an error status reaches the conversation, whose exception messages
 * never contain the URL (GET routes carry credentials in the query string).
 */
public final class OtoboAnswers implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange original, Exchange answer) {
        OtoboConversation conversation = original.getVariable(OtoboConversation.VARIABLE, OtoboConversation.class);
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = answer.getMessage().getBody(String.class);
        try {
            conversation.accept(status == null ? 0 : status, body == null ? "" : body);
        } catch (RuntimeException refused) {
            // Set on the original, not thrown: a thrown exception would reach the error handler wrapped in a
            // CamelExchangeException, without the status code the error routes decide by.
            original.setException(refused);
        }
        return original;
    }
}
