package io.tickettriage.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the desks over the living nodes. The elections alone give every desk to whichever node claims it first, so
 * nodes started together often leave one node leading all desks. Every few seconds each node says in the roster which
 * desks it leads; a node that leads more than its share ({@code ceil(desks / nodes)}) while another leads less gives
 * one desk up: it stops the desk's triggers (the poll in flight finishes), steps out of the desk's election
 * ({@link ClusterServices#stepOut}) so that another node takes it over as after a failure, and steps back in as
 * a follower once that node leads it. Only a node above its share gives up, and only to one below it, so a desk is
 * never handed back and forth.
 *
 * <p>A node that dies leaves the roster within {@value #AGE_OUT_TICKS} ticks; the desks it led move by the elections
 * themselves, at once, not by this class.
 */
public final class DeskSpreader extends ServiceSupport {

    /** What stops and starts a desk's triggers: the routes that run under {@code master:}. */
    public interface Triggers {

        void stop(String desk) throws Exception;

        void start(String desk) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger("triage");
    /** A node that has not renewed for this many ticks is taken for dead. */
    static final int AGE_OUT_TICKS = 5;
    /** How long a given-up desk may stay unled before this node steps back in anyway. */
    private static final int REJOIN_TICKS = 20;

    private final String node;
    private final Map<String, Leadership> desks;
    private final ClusterServices elections;
    private final ClusterRoster roster;
    private final Triggers triggers;
    private final Duration tick;
    /** Camel's thread pools: the context names the spreader's thread and shuts it down with the rest. */
    private final ExecutorServiceManager threads;
    private ScheduledExecutorService timer;
    /** The desk this node gave up and is not back in the election of yet, or null. */
    private String givenUp;
    private int ticksSinceGivenUp;

    /**
     * @param desks per desk's name, this node's leadership of it
     * @param tick  how often the node renews its entry and looks at the roster
     */
    public DeskSpreader(String node, Map<String, Leadership> desks, ClusterServices elections, ClusterRoster roster,
                        Triggers triggers, Duration tick, ExecutorServiceManager threads) {
        this.node = node;
        this.threads = threads;
        this.desks = Map.copyOf(desks);
        this.elections = elections;
        this.roster = roster;
        this.triggers = triggers;
        this.tick = tick;
    }

    @Override
    protected void doStart() {
        timer = threads.newSingleThreadScheduledExecutor(this, "DeskSpreader");
        timer.scheduleWithFixedDelay(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            threads.shutdownNow(timer);
        }
        try {
            roster.leave(node);
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not leave the cluster's roster ({}); it ages out", node, e.getMessage());
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (Exception e) {
            // A database that is away for a moment must not end the spreading for good.
            LOG.warn("Node {} could not spread the desks this time: {}", node, e.getMessage());
        }
    }

    /** One look at the roster: renew, then step back in or give a desk up, at most one step per tick. */
    void tick() throws Exception {
        Set<String> leads = new TreeSet<>();
        desks.forEach((desk, leadership) -> {
            if (leadership.isLeader()) {
                leads.add(desk);
            }
        });
        roster.renew(node, leads);
        Map<String, Set<String>> living = roster.living(tick.multipliedBy(AGE_OUT_TICKS));
        if (givenUp != null) {
            ticksSinceGivenUp++;
            boolean takenOver = living.entrySet().stream()
                    .anyMatch(other -> !other.getKey().equals(node) && other.getValue().contains(givenUp));
            if (takenOver || ticksSinceGivenUp >= REJOIN_TICKS) {
                rejoin(givenUp);
            }
            return;
        }
        // This node is among the living: it renewed its entry a moment ago. The share is desks / nodes, rounded up.
        int share = (desks.size() + living.size() - 1) / living.size();
        boolean anotherHasRoom = living.entrySet().stream()
                .anyMatch(other -> !other.getKey().equals(node) && other.getValue().size() < share);
        if (leads.size() > share && anotherHasRoom) {
            giveUp(leads.stream().min(Comparator.comparingLong(this::preference)).orElseThrow(), share);
        }
    }

    private void giveUp(String desk, int share) throws Exception {
        LOG.info("Node {} leads more than its share of {} desks and gives {} up", node, share, desk);
        triggers.stop(desk);
        elections.stepOut(desks.get(desk).namespace());
        // Not every service says so to its listeners when a view stops (the file lock does not).
        desks.get(desk).steppedOut();
        givenUp = desk;
        ticksSinceGivenUp = 0;
    }

    private void rejoin(String desk) throws Exception {
        elections.stepIn(desks.get(desk).namespace());
        triggers.start(desk);
        LOG.info("Node {} is back in the election of {} as a follower", node, desk);
        givenUp = null;
    }

    /** How much this node prefers the desk: a hash of both, so that nodes differ in which desk they keep. */
    private long preference(String desk) {
        CRC32 crc = new CRC32();
        crc.update((node + "/" + desk).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
