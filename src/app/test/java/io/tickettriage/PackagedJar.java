package io.tickettriage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The packaged service as the *IT tests run it: {@code java -jar target/ticket-triage.jar} as a process of its own
 * (a long {@code java -cp} can crash ONNX Runtime), its output in a log file under {@code work}.
 */
record PackagedJar(Path work) {

    private static final Path JAR = Path.of("target", "ticket-triage.jar");

    Process start(Map<String, String> environment, String logName) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString())
                .directory(new File(".").getAbsoluteFile())
                .redirectErrorStream(true)
                .redirectOutput(log(logName).toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    Path log(String logName) {
        return work.resolve(logName);
    }

    /** Waits for the condition; if the process dies or time runs out, fails with the process's output. */
    void waitFor(Duration limit, BooleanSupplier condition, Process process, String logName) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached; process alive: " + process.isAlive() + "\n"
                        + Files.readString(log(logName)));
            }
            Thread.sleep(50);
        }
    }
}
