package io.tickettriage.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tickettriage.adapter.Setting;
import io.tickettriage.adapter.freshdesk.FreshdeskSettings;
import io.tickettriage.adapter.otobo.OtoboSettings;
import io.tickettriage.adapter.rt.RtSettings;
import io.tickettriage.adapter.zammad.ZammadSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Each Kamelet's reference page, made from its definition as the camel-kamelets catalog makes its pages: the
 * definition is the one place a property is described, so the page cannot drift from it. {@code main} writes the
 * pages into {@code src/site/markdown/kamelets/}; {@code KameletReferenceTest} fails when a committed page differs
 * from what the definitions make now.
 */
public final class KameletReference {

    /** The one command that brings the committed pages up to date, run from the project folder. */
    public static final String REGENERATE = "mvn -B -q -pl src/app test-compile exec:java"
            + " -Dexec.mainClass=io.tickettriage.docs.KameletReference -Dexec.classpathScope=test";

    static final Path KAMELETS = Path.of("routes", "kamelets");
    static final Path PAGES = Path.of("src", "site", "markdown", "kamelets");
    static final String INDEX = "index.md";

    private static final String SUFFIX = ".kamelet.yaml";
    private static final String GENERATED = "<!-- Generated from routes/kamelets/%s by io.tickettriage.docs.KameletReference;"
            + " do not edit. Regenerate: " + REGENERATE + " -->\n";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Writes the pages below the project folder given (default: the current one) and removes pages of Kamelets that are gone. */
    public static void main(String[] args) throws IOException {
        Path project = Path.of(args.length > 0 ? args[0] : ".");
        Map<String, String> pages = new KameletReference().pages(project.resolve(KAMELETS));
        Path folder = project.resolve(PAGES);
        Files.createDirectories(folder);
        try (Stream<Path> committed = Files.list(folder)) {
            for (Path page : committed.filter(p -> !pages.containsKey(p.getFileName().toString())).toList()) {
                Files.delete(page);
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Files.writeString(folder.resolve(page.getKey()), page.getValue());
        }
        System.out.println("wrote " + pages.size() + " pages to " + folder);
    }

    /** The pages the definitions in a folder make now, by file name: one per Kamelet and the folder's index. */
    public Map<String, String> pages(Path kamelets) throws IOException {
        List<Kamelet> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(kamelets)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                all.add(read(file));
            }
        }
        Map<String, String> pages = new TreeMap<>();
        for (Kamelet kamelet : all) {
            pages.put(kamelet.name() + ".md", page(kamelet));
        }
        pages.put(INDEX, index(all));
        return pages;
    }

    private Kamelet read(Path file) {
        try {
            return new Kamelet(file.getFileName().toString(), yaml.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kamelet " + file, e);
        }
    }

    /** A Kamelet definition as read, with the few paths the pages need. */
    private record Kamelet(String file, JsonNode root) {

        String name() {
            return root.at("/metadata/name").asText();
        }

        String type() {
            return root.at("/metadata/labels").path("camel.apache.org/kamelet.type").asText();
        }

        String annotation(String key) {
            return root.at("/metadata/annotations").path("camel.apache.org/" + key).asText();
        }

        JsonNode definition() {
            return root.at("/spec/definition");
        }

        boolean required(String property) {
            for (JsonNode name : definition().path("required")) {
                if (name.asText().equals(property)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String index(List<Kamelet> kamelets) {
        StringBuilder page = new StringBuilder()
                .append("<!-- Generated from routes/kamelets/*.kamelet.yaml by io.tickettriage.docs.KameletReference;")
                .append(" do not edit. -->\n")
                .append("# Kamelet reference\n\n")
                .append("The Kamelets ticket-triage ships in its jar under `kamelets/`, where any Camel application finds")
                .append(" them. Each page is made from the Kamelet's definition in `routes/kamelets/`; after editing a")
                .append(" definition, regenerate them all from the project folder:\n\n")
                .append("```bash\n").append(REGENERATE).append("\n```\n\n")
                .append("| Kamelet | type | title |\n|---|---|---|\n");
        for (Kamelet kamelet : kamelets) {
            page.append("| [").append(kamelet.name()).append("](").append(kamelet.name()).append(".md) | ")
                    .append(kamelet.type()).append(" | ").append(cell(kamelet.definition().path("title").asText()))
                    .append(" |\n");
        }
        return page.toString();
    }

    private static String page(Kamelet kamelet) {
        JsonNode definition = kamelet.definition();
        StringBuilder page = new StringBuilder(String.format(GENERATED, kamelet.file()))
                .append("# ").append(definition.path("title").asText()).append("\n\n")
                .append("`").append(kamelet.name()).append("`: a Kamelet of type *").append(kamelet.type())
                .append("*, group ").append(kamelet.annotation("kamelet.group"))
                .append(", support level ").append(kamelet.annotation("kamelet.support.level"))
                .append(", provided by ").append(kamelet.annotation("provider")).append(".\n\n")
                .append(definition.path("description").asText().strip()).append("\n\n");
        properties(kamelet, page);
        dataTypes(kamelet.root().at("/spec/dataTypes"), page);
        page.append("## Dependencies\n\n");
        for (JsonNode dependency : kamelet.root().at("/spec/dependencies")) {
            page.append("- `").append(dependency.asText()).append("`\n");
        }
        usage(kamelet, page);
        return page.toString();
    }

    private static void properties(Kamelet kamelet, StringBuilder page) {
        page.append("## Properties\n\n");
        JsonNode properties = kamelet.definition().path("properties");
        if (properties.isEmpty()) {
            page.append("None.\n\n");
            return;
        }
        Map<String, Setting> settings = settingsOf(kamelet.name());
        page.append("| name | title | description | type | default | required | the service's key |\n"
                + "|---|---|---|---|---|---|---|\n");
        properties.fields().forEachRemaining(property -> {
            JsonNode spec = property.getValue();
            Setting setting = settings.get(property.getKey());
            page.append("| `").append(property.getKey()).append("` | ")
                    .append(cell(spec.path("title").asText())).append(" | ")
                    .append(cell(spec.path("description").asText())).append(" | ")
                    .append(type(spec)).append(" | ")
                    .append(defaultValue(spec, setting)).append(" | ")
                    .append(kamelet.required(property.getKey()) ? "yes" : "no").append(" | ")
                    .append(setting == null || setting.key().isEmpty() ? "" : "`" + setting.key() + "`")
                    .append(" |\n");
        });
        page.append('\n');
    }

    /**
     * A help desk's Kamelet properties that its settings record holds, by property: their one default is the
     * record's ({@link Setting}), which the Kamelet definition does not repeat.
     */
    private static Map<String, Setting> settingsOf(String kamelet) {
        List<Setting> settings = kamelet.startsWith("freshdesk-") ? FreshdeskSettings.SETTINGS
                : kamelet.startsWith("zammad-") ? ZammadSettings.SETTINGS
                : kamelet.startsWith("otobo-") ? OtoboSettings.SETTINGS
                : kamelet.startsWith("rt-") ? RtSettings.SETTINGS : List.of();
        return settings.stream().collect(Collectors.toMap(Setting::property, setting -> setting, (a, b) -> a));
    }

    private static String defaultValue(JsonNode spec, Setting setting) {
        if (!spec.has("default") && (setting == null || setting.defaultValue().isEmpty())) {
            return "";
        }
        String value = spec.has("default") ? spec.get("default").asText() : setting.defaultValue();
        return value.isEmpty() ? "*(empty)*" : "`" + cell(value) + "`";
    }

    /** The JSON schema type, with what narrows it: a secret's format, the allowed values. */
    private static String type(JsonNode spec) {
        StringBuilder type = new StringBuilder(spec.path("type").asText());
        if (spec.has("format")) {
            type.append(" (").append(spec.get("format").asText()).append(')');
        }
        if (spec.has("enum")) {
            List<String> values = new ArrayList<>();
            spec.get("enum").forEach(value -> values.add("`" + value.asText() + "`"));
            type.append(": ").append(String.join(", ", values));
        }
        return cell(type.toString());
    }

    private static void dataTypes(JsonNode dataTypes, StringBuilder page) {
        page.append("## Data types\n\n");
        if (dataTypes.isMissingNode() || dataTypes.isEmpty()) {
            page.append("None declared.\n\n");
            return;
        }
        page.append("| direction | name | format | media type | description |\n|---|---|---|---|---|\n");
        for (String direction : List.of("in", "out")) {
            JsonNode side = dataTypes.path(direction);
            String preferred = side.path("default").asText();
            side.path("types").fields().forEachRemaining(type -> {
                JsonNode spec = type.getValue();
                page.append("| ").append(direction).append(" | `").append(type.getKey()).append('`')
                        .append(type.getKey().equals(preferred) ? " (default)" : "").append(" | ")
                        .append(cell(spec.path("format").asText())).append(" | ")
                        .append(cell(spec.path("mediaType").asText())).append(" | ")
                        .append(cell(spec.path("description").asText())).append(" |\n");
            });
        }
        page.append('\n');
    }

    /**
     * A route that uses the Kamelet with its required properties: a source starts the route, a sink or an action is
     * a step. Secrets are shown as property placeholders, so that none is written into a route.
     */
    private static void usage(Kamelet kamelet, StringBuilder page) {
        String indent;
        StringBuilder route = new StringBuilder("- route:\n    from:\n");
        if (kamelet.type().equals("source")) {
            route.append("      uri: kamelet:").append(kamelet.name()).append('\n');
            indent = "      ";
        } else {
            route.append("      uri: direct:").append(kamelet.name()).append("\n      steps:\n")
                    .append("        - to:\n            uri: kamelet:").append(kamelet.name()).append('\n');
            indent = "            ";
        }
        List<String> parameters = new ArrayList<>();
        kamelet.definition().path("properties").fields().forEachRemaining(property -> {
            if (kamelet.required(property.getKey())) {
                parameters.add(property.getKey() + ": " + sample(property.getKey(), property.getValue()));
            }
        });
        if (!parameters.isEmpty()) {
            route.append(indent).append("parameters:\n");
            parameters.forEach(parameter -> route.append(indent).append("  ").append(parameter).append('\n'));
        }
        if (kamelet.type().equals("source")) {
            route.append("      steps:\n        - to: log:").append(kamelet.name()).append('\n');
        }
        page.append("\n## Usage\n\nIn a Camel YAML route, with the jar on the classpath")
                .append(parameters.isEmpty() ? "" : " and the required properties set")
                .append(":\n\n```yaml\n").append(route).append("```\n");
    }

    private static String sample(String name, JsonNode spec) {
        if (spec.path("format").asText().equals("password")) {
            return "\"{{" + name + "}}\"";
        }
        if (spec.has("example")) {
            return "\"" + spec.get("example").asText() + "\"";
        }
        return "\"<" + spec.path("title").asText() + ">\"";
    }

    /** A Markdown table cell: one line, no column break. */
    private static String cell(String text) {
        return text.strip().replace("\n", " ").replace("|", "\\|");
    }
}
