package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.kamelets.KameletCatalogRules.KameletFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Kamelets keep apache/camel-kamelets' catalog rules (see {@link KameletCatalogRules}), and each rule is shown to
 * catch a Kamelet that breaks it.
 */
class KameletCatalogRulesTest {

    private static final Path SOURCES = Path.of("routes/kamelets");

    private final KameletCatalogRules rules = new KameletCatalogRules();

    @Test
    void everyKameletFollowsTheCatalogRules() throws IOException {
        List<KameletFile> kamelets = sources();
        assertFalse(kamelets.isEmpty(), "Kamelets in " + SOURCES.toAbsolutePath());
        List<String> violations = rules.check(kamelets);
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    /** The sources carry the token; the copies the build packages (kamelets/ in the jar) carry the version. */
    @Test
    void thePackagedKameletsCarryTheBuildsVersion() throws IOException {
        String version = System.getProperty("project.version");
        assertNotNull(version, "surefire passes project.version (pom.xml, systemPropertyVariables)");
        List<KameletFile> packaged = new ArrayList<>();
        for (KameletFile source : sources()) {
            assertTrue(source.text().contains(KameletCatalogRules.ARTIFACT + KameletCatalogRules.VERSION_TOKEN),
                    source.fileName() + " depends on ticket-triage at the build's version");
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("kamelets/" + source.fileName())) {
                assertNotNull(in, "kamelets/" + source.fileName() + " on the classpath");
                packaged.add(new KameletFile(source.fileName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        List<String> violations = rules.checkPackaged(packaged, version);
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void theWellFormedExampleHasNoViolation() throws IOException {
        assertEquals(List.of(), rules.check(List.of(example(text -> text))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenKamelets")
    void eachRuleReportsAKameletThatBreaksIt(String rule, UnaryOperator<String> breakIt, String expected)
            throws IOException {
        List<String> violations = rules.check(List.of(example(breakIt)));
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(expected)),
                rule + ": expected a violation containing <" + expected + ">, got " + violations);
    }

    static Stream<Arguments> brokenKamelets() {
        return Stream.of(
                broken("title ends with the type", "title: Greet Action", "title: Greet",
                        "title \"Greet\" does not end with \"Action\""),
                broken("name ends with the type", "name: greet-action", "name: greet-step",
                        "name of kamelet \"greet-step\" does not end with \"-action\""),
                broken("type label is source, sink or action", "kamelet.type: action", "kamelet.type: step",
                        "invalid camel.apache.org/kamelet.type label: \"step\""),
                broken("file name matches the name", "name: greet-action", "name: greeter-action",
                        "does not match the name of the contained kamelet \"greeter-action\""),
                broken("property titles are Title Case", "title: Greeting for the Caller",
                        "title: Greeting for the caller", "non-capitalized word in the title: \"caller\""),
                broken("property titles do not start with an article", "title: Greeting for the Caller",
                        "title: The Greeting", "has a title starting with \"The \""),
                broken("properties have a description", "description: What the caller hears", "description: \"\"",
                        "property \"greeting\" in kamelet \"greet-action\" does not contain a description"),
                broken("a password has the credentials descriptor", "        x-descriptors:\n"
                        + "          - urn:camel:group:credentials\n", "",
                        "has \"password\" format but misses descriptor \"urn:camel:group:credentials\""),
                broken("the credentials descriptor comes with the password format", "        format: password\n", "",
                        "has descriptor \"urn:camel:group:credentials\" but not the \"password\" format"),
                broken("no deprecated descriptor", "- urn:camel:group:credentials",
                        "- urn:camel:group:credentials\n          - urn:alm:descriptor:com.tectonic.ui:password",
                        "uses the deprecated x-descriptor prefix"),
                broken("a used parameter is declared", "simple: \"{{greeting}} ${body}\"",
                        "simple: \"{{greeting}} {{?salutation}} ${body}\"",
                        "parameter \"salutation\" is not declared"),
                broken("a declared parameter is used", "simple: \"{{greeting}} ${body}\"", "simple: \"Hello ${body}\"",
                        "parameter \"greeting\" is declared in kamelet \"greet-action\" but never used"),
                broken("a required property is declared", "      - greeting\n", "      - greeting\n      - name\n",
                        "required property \"name\" in kamelet \"greet-action\" is not defined"),
                broken("a component the template uses is declared", "    - \"camel:log\"\n", "",
                        "uses the log component (camel-log) but does not declare \"camel:log\""),
                broken("the bean EIP's component is declared", "    - \"camel:bean\"\n", "",
                        "uses the bean component (camel-bean) but does not declare \"camel:bean\""),
                broken("an endpoint given by a parameter is declared", "to: \"log:greet\"", "to: \"{{target}}\"",
                        "uses the direct component (camel-direct) but does not declare \"camel:direct\""),
                broken("a language the template uses is declared", "    - \"camel:core\"\n", "",
                        "uses the simple language (camel-core-languages) but does not declare \"camel:core\""),
                broken("a language Camel does not know is reported", "simple: \"{{greeting}} ${body}\"",
                        "jsonpath: \"$.{{greeting}}\"", "uses the jsonpath language, which Camel does not know here"),
                broken("dependencies are camel:, mvn: or github:apache/", "    - \"camel:core\"\n",
                        "    - \"camel:core\"\n    - \"org.acme:greeter\"\n",
                        "declares dependency \"org.acme:greeter\" that is not a"),
                broken("our artifact's version comes from the build", "ticket-triage:@project.version@",
                        "ticket-triage:0.1.0-SNAPSHOT", "with a version written by hand"),
                broken("the catalog version comes from the build", "catalog.version: \"@project.version@\"",
                        "catalog.version: \"0.1.0-SNAPSHOT\"", "\"0.1.0-SNAPSHOT\" written by hand"),
                broken("a Kamelet has an icon", "    camel.apache.org/kamelet.icon: \"data:image/svg+xml;base64,"
                        + "PHN2Zy8+\"\n", "", "does not contain the camel.apache.org/kamelet.icon annotation"));
    }

    @Test
    void twoKameletsMayNotShareATitleOrAProvider() throws IOException {
        KameletFile first = example(text -> text);
        KameletFile second = new KameletFile("greet-again-action.kamelet.yaml", first.text()
                .replace("name: greet-action", "name: greet-again-action")
                .replace("provider: \"ticket-triage\"", "provider: \"someone else\""));
        List<String> violations = rules.check(List.of(first, second));
        assertTrue(violations.contains("kamelet \"greet-again-action\" has the same title as \"greet-action\":"
                + " \"Greet Action\""), violations.toString());
        assertTrue(violations.contains("the Kamelets name different providers: [ticket-triage, someone else]"),
                violations.toString());
    }

    @Test
    void aPackagedKameletStillHoldingTheTokenIsReported() throws IOException {
        List<String> violations = rules.checkPackaged(List.of(example(text -> text)), "1.2.3");
        assertTrue(violations.contains("packaged kamelet \"greet-action\" still holds @project.version@: not filtered"),
                violations.toString());
        assertTrue(violations.contains("packaged kamelet \"greet-action\" depends on"
                + " \"mvn:io.tickettriage:ticket-triage:@project.version@\", not on version \"1.2.3\""),
                violations.toString());
    }

    private static Arguments broken(String rule, String from, String to, String expected) {
        UnaryOperator<String> breakIt = text -> {
            assertTrue(text.contains(from), "the example holds <" + from + ">");
            return text.replace(from, to);
        };
        return Arguments.of(rule, breakIt, expected);
    }

    private static List<KameletFile> sources() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<KameletFile> kamelets = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted()
                    .toList()) {
                kamelets.add(new KameletFile(file.getFileName().toString(), Files.readString(file)));
            }
            return kamelets;
        }
    }

    /** A small Kamelet that keeps every rule, with the same file name whatever the edit does to it. */
    private static KameletFile example(UnaryOperator<String> edit) {
        return new KameletFile("greet-action.kamelet.yaml", edit.apply("""
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: greet-action
                  labels:
                    camel.apache.org/kamelet.type: action
                  annotations:
                    camel.apache.org/kamelet.icon: "data:image/svg+xml;base64,PHN2Zy8+"
                    camel.apache.org/catalog.version: "@project.version@"
                    camel.apache.org/provider: "ticket-triage"
                spec:
                  definition:
                    title: Greet Action
                    description: Greets the body and logs the greeting
                    required:
                      - greeting
                    type: object
                    properties:
                      greeting:
                        title: Greeting for the Caller
                        description: What the caller hears
                        type: string
                      token:
                        title: API Token
                        description: Sent along as a header
                        type: string
                        format: password
                        x-descriptors:
                          - urn:camel:group:credentials
                      target:
                        title: Target
                        description: Where the greeting goes
                        type: string
                        example: "direct:greetings"
                  dependencies:
                    - "camel:bean"
                    - "camel:core"
                    - "camel:kamelet"
                    - "camel:log"
                    - "mvn:io.tickettriage:ticket-triage:@project.version@"
                  template:
                    beans:
                      - name: greeter
                        type: "#class:java.lang.StringBuilder"
                    from:
                      uri: kamelet:source
                      steps:
                        - setHeader:
                            name: greeting
                            simple: "{{greeting}} ${body}"
                        - setHeader:
                            name: token
                            constant: "{{token}}"
                        - bean:
                            ref: "{{greeter}}"
                            method: toString
                        - to: "log:greet"
                        - setHeader:
                            name: target
                            constant: "{{target}}"
                """));
    }
}
