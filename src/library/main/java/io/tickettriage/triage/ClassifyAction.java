package io.tickettriage.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.ModelLoadException;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.model.BundledModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean of the {@code ticket-classify-action} Kamelet: classifies one ticket, however it arrived, and returns the
 * {@link TriageDecision}. A body may be a {@link Ticket} (from a fetch Kamelet), or a {@code Map} or a JSON object
 * with {@code subject} and {@code body} (and optionally {@code id} and {@code tags}), so that tickets that come by
 * mail or from a webhook can be classified too. Every Kamelet of one model path in an application shares one model
 * session, closed when the application stops. Settings are named properties, read as {@link DecisionSettings#parse}
 * reads the service's; the classifier is built on first use. With {@code desk}, the Kamelet classifies with that desk's
 * classifier instead: the ticket-triage pipeline's own step.
 */
public final class ClassifyAction implements CamelContextAware {

    /** The {@code system} of a ticket that did not come from a help desk's fetch Kamelet. */
    static final String SYSTEM = "classify";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ClassifyAction.class);

    private CamelContext camelContext;
    private String desk = "";
    private String model = "";
    private double queueMinConfidence = 0.45;
    private double priorityMinConfidence = 0.45;
    private String queueFallback = "review";
    private String goLiveTargetPrecision = "";
    private double goLiveConfidence = PrecisionBound.DEFAULT_CONFIDENCE;
    private int goLiveMinSupport = GoLive.DEFAULT_MIN_SUPPORT;
    private Clock clock = Clock.systemUTC();
    private volatile TicketClassifier classifier;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * A desk of the ticket-triage service in this application ({@code triage.desks}): its classifier decides, with
     * the model and settings of the desk's configuration, swapped between polls when the model changes. Empty: the
     * model and settings of this Kamelet's properties.
     */
    public void setDesk(String desk) {
        this.desk = desk == null ? "" : desk.strip();
    }

    /** A bundle folder or {@code .onnx} file written by {@code train}; empty for the bundled demo model. */
    public void setModel(String model) {
        this.model = model == null ? "" : model.strip();
    }

    public void setQueueMinConfidence(double queueMinConfidence) {
        this.queueMinConfidence = queueMinConfidence;
    }

    public void setPriorityMinConfidence(double priorityMinConfidence) {
        this.priorityMinConfidence = priorityMinConfidence;
    }

    /** {@code review} or {@code unchanged}. */
    public void setQueueFallback(String queueFallback) {
        this.queueFallback = queueFallback;
    }

    /** Go-live: a class is written only once its evidence guarantees this precision; empty is off. */
    public void setGoLiveTargetPrecision(String goLiveTargetPrecision) {
        this.goLiveTargetPrecision = goLiveTargetPrecision;
    }

    /** How sure go-live's guarantee of the target precision must be, in (0, 1). */
    public void setGoLiveConfidence(double goLiveConfidence) {
        this.goLiveConfidence = goLiveConfidence;
    }

    /** How many settled live tickets of a class replace the model's held-out evidence for go-live. */
    public void setGoLiveMinSupport(int goLiveMinSupport) {
        this.goLiveMinSupport = goLiveMinSupport;
    }

    /** The clock a ticket without a change time is stamped with; the system's by default. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public TriageDecision classify(Object body) {
        return classifier().decideAll(List.of(ticket(body))).get(0);
    }

    /** The body as a ticket; anything that is not one, nor a subject and body, is rejected with what it was. */
    Ticket ticket(Object body) {
        if (body instanceof Ticket ticket) {
            return ticket;
        }
        if (body instanceof Map<?, ?> map) {
            return ticket(JSON.valueToTree(map));
        }
        if (body instanceof CharSequence || body instanceof byte[]) {
            String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString();
            try {
                return ticket(JSON.readTree(text));
            } catch (IOException e) {
                throw new TicketRejectedException("ticket-classify-action takes a JSON object with subject and body; "
                        + "this text is not JSON", e);
            }
        }
        throw new TicketRejectedException("ticket-classify-action takes a Ticket, a Map or a JSON object with subject "
                + "and body, not " + (body == null ? "an empty body" : "a " + body.getClass().getName()), null);
    }

    private Ticket ticket(JsonNode json) {
        if (json == null || !json.isObject() || !(json.has("subject") || json.has("body"))) {
            throw new TicketRejectedException("ticket-classify-action takes a JSON object with subject and body, was "
                    + abbreviate(String.valueOf(json)), null);
        }
        List<String> tags = new ArrayList<>();
        json.path("tags").forEach(tag -> tags.add(tag.asText()));
        String id = json.path("id").isValueNode() && !json.path("id").asText().isBlank() ? json.path("id").asText()
                : UUID.randomUUID().toString();
        return new Ticket(SYSTEM, id, json.path("subject").asText(""), json.path("body").asText(""), tags,
                clock.instant());
    }

    private TicketClassifier classifier() {
        TicketClassifier built = classifier;
        if (built == null) {
            synchronized (this) {
                if (classifier == null) {
                    classifier = desk.isEmpty() ? ownClassifier() : deskClassifier();
                }
                built = classifier;
            }
        }
        return built;
    }

    private TicketClassifier ownClassifier() {
        TicketModel shared = sharedModel();
        DecisionSettings settings = settings();
        PrecisionEvidence evidence = new HeldOutPrecision(shared);
        settings.describe(shared, evidence).forEach(line -> LOG.info("ticket-classify-action: {}", line));
        return new TicketClassifier(shared, settings.policyFor(shared, evidence));
    }

    /** The desk's classifier; a model or a setting given as well would be ignored, so it is refused. */
    private TicketClassifier deskClassifier() {
        if (!model.isEmpty() || !settings().equals(DecisionSettings.defaults())) {
            throw new IllegalArgumentException("ticket-classify-action: desk " + desk + " classifies with the model "
                    + "and settings of the desk's configuration (triage.*); leave model, " + Arrays.stream(
                    DecisionSettings.Setting.values()).map(DecisionSettings.Setting::property).toList()
                    + " unset, or leave desk empty");
        }
        TicketClassifier found = context().getRegistry().lookupByNameAndType(TicketClassifier.beanName(desk),
                TicketClassifier.class);
        if (found == null) {
            throw new IllegalArgumentException("ticket-classify-action: desk " + desk + " is no desk of the "
                    + "ticket-triage service in this application (triage.desks)");
        }
        return found;
    }

    private DecisionSettings settings() {
        try {
            return DecisionSettings.parse(setting -> Optional.ofNullable(switch (setting) {
                case QUEUE_MIN_CONFIDENCE -> String.valueOf(queueMinConfidence);
                case PRIORITY_MIN_CONFIDENCE -> String.valueOf(priorityMinConfidence);
                case QUEUE_FALLBACK -> queueFallback;
                case GO_LIVE_TARGET_PRECISION -> goLiveTargetPrecision;
                case GO_LIVE_CONFIDENCE -> String.valueOf(goLiveConfidence);
                case GO_LIVE_MIN_SUPPORT -> String.valueOf(goLiveMinSupport);
            }), DecisionSettings.Setting::property);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ticket-classify-action: " + e.getMessage(), e);
        }
    }

    /** One model session per model path in the application, closed when the application stops. */
    private TicketModel sharedModel() {
        return PerApplication.shared(context(), "ticket-triage-model:" + (model.isEmpty() ? "bundled" : model),
                TicketModel.class, () -> {
                    TicketModel opened;
                    try {
                        opened = model.isEmpty() ? BundledModel.open() : LinearTicketModel.loadBundle(Path.of(model));
                    } catch (ModelLoadException e) {
                        throw new IllegalArgumentException("ticket-classify-action: model " + model + ": "
                                + e.getMessage(), e);
                    }
                    closeWith(camelContext, opened);
                    return opened;
                });
    }

    private CamelContext context() {
        if (camelContext == null) {
            throw new IllegalStateException("ClassifyAction needs its CamelContext: use it from a Kamelet or a route");
        }
        return camelContext;
    }

    private static void closeWith(CamelContext context, TicketModel model) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    model.close();
                }
            }, true, true);
        } catch (Exception e) {
            model.close();
            throw new IllegalStateException("cannot register the model for shutdown", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
