package io.tickettriage.adapter;

import java.util.Optional;

/**
 * What a help desk's fetch action reads outcomes with: the update action's label mappings and review group or queue,
 * as named Kamelet properties of its {@code outcomes} ({@code outcomes.queueMapping: "{{queueMapping}}"}). Without a
 * queue mapping the fetch reports no outcomes.
 */
public final class OutcomeMappings {

    private String queueMapping = "";
    private String priorityMapping = "";
    private String review = "";

    public void setQueueMapping(String queueMapping) {
        this.queueMapping = queueMapping == null ? "" : queueMapping;
    }

    public void setPriorityMapping(String priorityMapping) {
        this.priorityMapping = priorityMapping == null ? "" : priorityMapping;
    }

    public void setReview(String review) {
        this.review = review == null ? "" : review;
    }

    /** Whether outcomes are to be read at all. */
    public boolean wanted() {
        return !queueMapping.isBlank();
    }

    public String queueMapping() {
        return queueMapping;
    }

    public String priorityMapping() {
        return priorityMapping;
    }

    public Optional<String> review() {
        return review.isBlank() ? Optional.empty() : Optional.of(review.strip());
    }
}
