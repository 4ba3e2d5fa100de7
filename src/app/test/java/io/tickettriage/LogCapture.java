package io.tickettriage;

import java.io.StringWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Collects everything logged while it is open, as the console would show it (with stack traces). */
public final class LogCapture implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;

    private LogCapture() {
        PatternLayout layout = PatternLayout.newBuilder().withPattern("%-5level %c{1} %msg%n%throwable").build();
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(out)
                .setLayout(layout).build();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public synchronized String text() {
        return out.toString();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
