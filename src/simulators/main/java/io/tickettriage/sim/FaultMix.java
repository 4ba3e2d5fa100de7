package io.tickettriage.sim;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random faults for a soak: each request that no scripted fault matched draws one outcome. Reads (GET) may be
 * answered 5xx or 429, reset, or garbled; writes may be answered 5xx or 429, reset before they land, or land and
 * then lose their answer (a 500 or a reset). Seeded, so a soak can be run again exactly.
 *
 * @param serverErrors     share of requests answered 500
 * @param rateLimited      share answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param resets           share whose connection is closed before any answer
 * @param garbledPages     share of reads whose answer is cut short
 * @param appliedThenFailed share of writes that land and then lose their answer
 */
public record FaultMix(long seed, double serverErrors, double rateLimited, double resets, double garbledPages,
                       double appliedThenFailed, int retryAfterSeconds) {

    public FaultMix {
        if (serverErrors + rateLimited + resets + Math.max(garbledPages, appliedThenFailed) > 1) {
            throw new IllegalArgumentException("fault shares add up to more than 1");
        }
    }

    /** A draw source; not thread-safe on its own, so {@link FaultQueue} draws under its lock. */
    SplittableRandom random() {
        return new SplittableRandom(seed);
    }

    Optional<Fault> draw(SplittableRandom random, String method, String path) {
        double roll = random.nextDouble();
        String exact = java.util.regex.Pattern.quote(path);
        if ((roll -= serverErrors) < 0) {
            return Optional.of(new Fault(method, exact, 500, 0, 1));
        }
        if ((roll -= rateLimited) < 0) {
            return Optional.of(new Fault(method, exact, 429, retryAfterSeconds, 1));
        }
        if ((roll -= resets) < 0) {
            return Optional.of(Fault.reset(method, exact, 1));
        }
        boolean read = method.equalsIgnoreCase("GET");
        if (read && (roll -= garbledPages) < 0) {
            return Optional.of(Fault.garbled(method, exact, 1));
        }
        if (!read && (roll -= appliedThenFailed) < 0) {
            return Optional.of(Fault.appliedThenFailed(method, exact, random.nextBoolean() ? 500 : 0, 1));
        }
        return Optional.empty();
    }
}
