package io.tickettriage.adapter;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * What every help desk's Kamelet beans share: Camel hands them their context and sets their settings as named
 * properties (never constructor arguments, so a secret arrives exactly as configured, whatever characters it holds),
 * including the retry settings of the desk's {@link HelpDeskHttp}. Each bean builds its worker once, on first use,
 * after checking every setting with a message that names it.
 *
 * @param <W> the worker that does the bean's job
 */
public abstract class KameletBean<W> implements CamelContextAware {

    private CamelContext camelContext;
    private int rateLimitedAttempts = HttpPolicy.DEFAULT.rateLimitedAttempts();
    private int serverErrorAttempts = HttpPolicy.DEFAULT.serverErrorAttempts();
    private long retryDelay = HttpPolicy.DEFAULT.initialDelay().toMillis();
    private volatile W worker;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setRateLimitedAttempts(int rateLimitedAttempts) {
        this.rateLimitedAttempts = rateLimitedAttempts;
    }

    public void setServerErrorAttempts(int serverErrorAttempts) {
        this.serverErrorAttempts = serverErrorAttempts;
    }

    /** The first back-off in milliseconds; each later one waits twice as long. */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    /** The worker, from the checked settings; an IllegalArgumentException names a setting that is wrong. */
    protected abstract W build();

    /** The worker, built on first use. */
    protected final W worker() {
        W built = worker;
        if (built == null) {
            synchronized (this) {
                if (worker == null) {
                    worker = build();
                }
                built = worker;
            }
        }
        return built;
    }

    protected final CamelContext context() {
        if (camelContext == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs its CamelContext: use it from a "
                    + "Kamelet or a route, which sets it");
        }
        return camelContext;
    }

    /** The retry settings, checked. */
    protected final HttpPolicy policy() {
        if (rateLimitedAttempts < 0 || serverErrorAttempts < 0 || retryDelay < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": rateLimitedAttempts ("
                    + rateLimitedAttempts + "), serverErrorAttempts (" + serverErrorAttempts + ") and retryDelay ("
                    + retryDelay + " ms) must not be negative");
        }
        return new HttpPolicy(rateLimitedAttempts, serverErrorAttempts, Duration.ofMillis(retryDelay),
                HttpPolicy.DEFAULT.longestWait(), HttpPolicy.DEFAULT.requestTimeout());
    }
}
