package io.tickettriage.model;

/**
 * One ticket of the demo corpus ({@code src/main/resources/demo-corpus/*.jsonl}).
 */
public record CorpusTicket(String subject, String description, String language, String queue, String priority) {
}
