package io.tickettriage.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Injected faults waiting for matching requests, consumed first-injected-first; then, if a {@link FaultMix} is set,
 * a random fault for requests no scripted fault matched.
 */
public final class FaultQueue {

    private record Pending(Fault fault, Pattern path, int remaining) {

        boolean matches(String method, String requestPath) {
            return fault.method().equalsIgnoreCase(method) && path.matcher(requestPath).matches();
        }
    }

    private final List<Pending> pending = new ArrayList<>();
    private FaultMix mix;
    private SplittableRandom random;

    public synchronized void add(Fault fault) {
        pending.add(new Pending(fault, Pattern.compile(fault.pathRegex()), fault.count()));
    }

    /** From now on, requests no scripted fault matches draw from {@code mix}; null stops the random faults. */
    public synchronized void mix(FaultMix mix) {
        this.mix = mix;
        this.random = mix == null ? null : mix.random();
    }

    /** The first fault matching the request, with one of its uses consumed; empty when none matches. */
    public synchronized Optional<Fault> take(String method, String path) {
        for (int i = 0; i < pending.size(); i++) {
            Pending candidate = pending.get(i);
            if (candidate.matches(method, path)) {
                if (candidate.remaining() == 1) {
                    pending.remove(i);
                } else {
                    pending.set(i, new Pending(candidate.fault(), candidate.path(), candidate.remaining() - 1));
                }
                return Optional.of(candidate.fault());
            }
        }
        return mix == null ? Optional.empty() : mix.draw(random, method, path);
    }
}
