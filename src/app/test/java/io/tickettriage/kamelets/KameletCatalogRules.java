package io.tickettriage.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.SetHeadersDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The rules of apache/camel-kamelets' catalog validator ({@code script/validator/validator.go}) that make sense for a
 * catalog outside Apache, plus what that validator leaves to review: that every component and language the template
 * uses is a declared dependency, and that our artifact's version is the build's. Each violation is one sentence that
 * names its Kamelet.
 *
 * <p>Left out, because they only hold inside Apache: the provider must be "Apache Software Foundation" (here: any
 * provider, the same on every Kamelet), and the validator's list of catalog files exempt from the used-parameters
 * rule.
 */
final class KameletCatalogRules {

    /** What the Kamelets' sources write where the build puts the project's version (Maven resource filtering). */
    static final String VERSION_TOKEN = "@project.version@";
    static final String ARTIFACT = "mvn:io.tickettriage:ticket-triage:";

    private static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    private static final String ICON = "camel.apache.org/kamelet.icon";
    private static final String CATALOG_VERSION = "camel.apache.org/catalog.version";
    private static final String PROVIDER = "camel.apache.org/provider";
    private static final String CREDENTIALS = "urn:camel:group:credentials";
    private static final String DEPRECATED_DESCRIPTOR_PREFIX = "urn:alm:descriptor:com.tectonic.ui";
    private static final Set<String> TYPES = Set.of("source", "sink", "action");

    /** The validator's pattern for a parameter a template uses: {{name}}, {{?name}} or {{name:default}}. */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{\\??([A-Za-z0-9\\-._]+)(?::[^}]*)?}}");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern LEADING_PARAMETER = Pattern.compile("^\\{\\{\\??([A-Za-z0-9\\-._]+)(?::[^}]*)?}}");

    /**
     * The validator lets a title's English stop words (bbalet/stopwords' list) stay in lower case and wants every
     * other word capitalized. These articles, conjunctions and prepositions are all on that list, and only they may
     * stay in lower case here: a title that passes this rule passes the validator's.
     */
    private static final Set<String> MINOR_WORDS = Set.of("a", "an", "the", "and", "or", "nor", "but", "for", "of",
            "to", "in", "on", "at", "by", "from", "with", "without", "per", "as", "into", "onto", "via", "over");

    /** Camel's artifact for its core languages (simple, constant, header ...), which the catalog declares as camel:core. */
    private static final String CORE_LANGUAGES = "camel-core-languages";

    record KameletFile(String fileName, String text) {
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json = new ObjectMapper();

    /** The violations of a set of Kamelet sources, as the catalog checks its own: each file, then across files. */
    List<String> check(List<KameletFile> files) throws IOException {
        List<String> violations = new ArrayList<>();
        Map<String, String> titleOwners = new HashMap<>();
        Map<String, String> descriptionOwners = new HashMap<>();
        Set<String> providers = new LinkedHashSet<>();
        for (KameletFile file : files) {
            JsonNode kamelet = yaml.readTree(file.text());
            String name = kamelet.path("metadata").path("name").asText();
            checkKamelet(file, kamelet, violations);
            JsonNode definition = kamelet.path("spec").path("definition");
            duplicate(titleOwners, definition.path("title").asText(), name, "title", violations);
            duplicate(descriptionOwners, definition.path("description").asText(), name, "description", violations);
            providers.add(kamelet.path("metadata").path("annotations").path(PROVIDER).asText());
        }
        if (providers.size() > 1) {
            violations.add("the Kamelets name different providers: " + providers);
        }
        return violations;
    }

    /** The violations of the packaged copies: each carries the build's version where its source has the token. */
    List<String> checkPackaged(List<KameletFile> files, String projectVersion) throws IOException {
        List<String> violations = new ArrayList<>();
        for (KameletFile file : files) {
            JsonNode kamelet = yaml.readTree(file.text());
            String name = kamelet.path("metadata").path("name").asText();
            if (file.text().contains(VERSION_TOKEN)) {
                violations.add("packaged kamelet \"" + name + "\" still holds " + VERSION_TOKEN + ": not filtered");
            }
            String version = kamelet.path("metadata").path("annotations").path(CATALOG_VERSION).asText();
            if (!version.equals(projectVersion)) {
                violations.add("packaged kamelet \"" + name + "\" has " + CATALOG_VERSION + " \"" + version
                        + "\", not the build's \"" + projectVersion + "\"");
            }
            for (JsonNode dependency : kamelet.path("spec").path("dependencies")) {
                String text = dependency.asText();
                if (text.startsWith(ARTIFACT) && !text.equals(ARTIFACT + projectVersion)) {
                    violations.add("packaged kamelet \"" + name + "\" depends on \"" + text + "\", not on version \""
                            + projectVersion + "\"");
                }
            }
        }
        return violations;
    }

    private void checkKamelet(KameletFile file, JsonNode kamelet, List<String> violations) {
        String name = kamelet.path("metadata").path("name").asText();
        String expectedFile = name + ".kamelet.yaml";
        if (!file.fileName().equals(expectedFile)) {
            violations.add("file \"" + file.fileName() + "\" does not match the name of the contained kamelet \""
                    + name + "\"");
        }
        String type = kamelet.path("metadata").path("labels").path(TYPE_LABEL).asText();
        if (!TYPES.contains(type)) {
            violations.add("kamelet \"" + name + "\" has an invalid " + TYPE_LABEL + " label: \"" + type + "\"");
        } else if (!name.endsWith("-" + type)) {
            violations.add("name of kamelet \"" + name + "\" does not end with \"-" + type + "\"");
        }
        checkAnnotations(name, kamelet.path("metadata").path("annotations"), violations);
        JsonNode spec = kamelet.path("spec");
        if (!spec.path("definition").isObject() || !spec.path("template").isObject()) {
            violations.add("kamelet \"" + name + "\" lacks its definition or its template");
            return;
        }
        checkDefinition(name, type, spec.path("definition"), violations);
        checkTemplateConvention(name, type, spec.path("template"), violations);
        checkUsedParameters(name, spec, violations);
        checkDependencySyntax(name, spec.path("dependencies"), violations);
        checkComponentDependencies(file, name, spec, violations);
    }

    private static void checkAnnotations(String name, JsonNode annotations, List<String> violations) {
        for (String required : List.of(ICON, PROVIDER)) {
            if (annotations.path(required).asText().isEmpty()) {
                violations.add("kamelet \"" + name + "\" does not contain the " + required + " annotation");
            }
        }
        String version = annotations.path(CATALOG_VERSION).asText();
        if (!version.equals(VERSION_TOKEN)) {
            violations.add("kamelet \"" + name + "\" has " + CATALOG_VERSION + " \"" + version + "\" written by hand;"
                    + " write " + VERSION_TOKEN + " so that the build puts its version there");
        }
    }

    private static void checkDefinition(String name, String type, JsonNode definition, List<String> violations) {
        String title = definition.path("title").asText();
        if (title.isEmpty()) {
            violations.add("kamelet \"" + name + "\" does not contain title");
        } else if (!type.isEmpty()) {
            String suffix = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
            if (!title.endsWith(suffix)) {
                violations.add("kamelet \"" + name + "\" title \"" + title + "\" does not end with \"" + suffix + "\"");
            }
        }
        if (definition.path("description").asText().isEmpty()) {
            violations.add("kamelet \"" + name + "\" does not contain description");
        }
        if (!"object".equals(definition.path("type").asText())) {
            violations.add("kamelet \"" + name + "\" does not contain a definition of type \"object\"");
        }
        JsonNode properties = definition.path("properties");
        Set<String> required = new HashSet<>();
        for (JsonNode property : definition.path("required")) {
            if (!required.add(property.asText())) {
                violations.add("required property \"" + property.asText() + "\" is listed twice in kamelet \""
                        + name + "\"");
            }
            if (!properties.has(property.asText())) {
                violations.add("required property \"" + property.asText() + "\" in kamelet \"" + name
                        + "\" is not defined");
            }
        }
        properties.fields().forEachRemaining(entry -> checkProperty(name, entry.getKey(), entry.getValue(),
                violations));
    }

    private static void checkProperty(String kamelet, String property, JsonNode schema, List<String> violations) {
        String where = "property \"" + property + "\" in kamelet \"" + kamelet + "\"";
        if (schema.path("type").asText().isEmpty()) {
            violations.add(where + " does not contain type");
        }
        if (schema.path("description").asText().isEmpty()) {
            violations.add(where + " does not contain a description");
        }
        String title = schema.path("title").asText();
        if (title.isEmpty()) {
            violations.add(where + " does not contain title");
        }
        for (String word : title.split(" ")) {
            if (!word.isEmpty() && !MINOR_WORDS.contains(word.toLowerCase(Locale.ROOT))
                    && Character.isLowerCase(word.codePointAt(0))) {
                violations.add(where + " has a non-capitalized word in the title: \"" + word + "\"");
            }
        }
        for (String article : List.of("The ", "A ", "An ")) {
            if (title.startsWith(article)) {
                violations.add(where + " has a title starting with \"" + article + "\"");
            }
        }
        List<String> descriptors = new ArrayList<>();
        schema.path("x-descriptors").forEach(descriptor -> descriptors.add(descriptor.asText()));
        boolean password = "password".equals(schema.path("format").asText());
        if (password && !descriptors.contains(CREDENTIALS)) {
            violations.add(where + " has \"password\" format but misses descriptor \"" + CREDENTIALS + "\"");
        }
        if (!password && descriptors.contains(CREDENTIALS)) {
            violations.add(where + " has descriptor \"" + CREDENTIALS + "\" but not the \"password\" format");
        }
        Set<String> seen = new HashSet<>();
        for (String descriptor : descriptors) {
            if (descriptor.startsWith(DEPRECATED_DESCRIPTOR_PREFIX)) {
                violations.add(where + " uses the deprecated x-descriptor prefix \"" + DEPRECATED_DESCRIPTOR_PREFIX
                        + "\"");
            }
            if (!seen.add(descriptor)) {
                violations.add(where + " lists the x-descriptor \"" + descriptor + "\" more than once");
            }
        }
    }

    private static void checkTemplateConvention(String name, String type, JsonNode template,
            List<String> violations) {
        String text = template.toString();
        if ("source".equals(type) && !text.contains("kamelet:sink")) {
            violations.add("source kamelet \"" + name + "\" must route to \"kamelet:sink\"");
        }
        if ("sink".equals(type) && !text.contains("kamelet:source")) {
            violations.add("sink kamelet \"" + name + "\" must consume from \"kamelet:source\"");
        }
    }

    /**
     * As the validator: a parameter is used where a string value of the template names it; it is declared as a
     * property or as one of the template's beans (which the template names the same way, {{bean}}).
     */
    private static void checkUsedParameters(String name, JsonNode spec, List<String> violations) {
        Set<String> used = new LinkedHashSet<>();
        collectParameters(spec.path("template"), used);
        Set<String> declared = new LinkedHashSet<>();
        spec.path("definition").path("properties").fieldNames().forEachRemaining(declared::add);
        spec.path("template").path("beans").forEach(bean -> declared.add(bean.path("name").asText()));
        for (String parameter : used) {
            if (!declared.contains(parameter)) {
                violations.add("parameter \"" + parameter + "\" is not declared in the definition of kamelet \""
                        + name + "\"");
            }
        }
        for (String parameter : declared) {
            if (!used.contains(parameter)) {
                violations.add("parameter \"" + parameter + "\" is declared in kamelet \"" + name
                        + "\" but never used");
            }
        }
    }

    private static void collectParameters(JsonNode node, Set<String> parameters) {
        if (node.isTextual()) {
            Matcher matcher = PARAMETER.matcher(node.asText());
            while (matcher.find()) {
                parameters.add(matcher.group(1));
            }
        }
        node.elements().forEachRemaining(child -> collectParameters(child, parameters));
    }

    private static void checkDependencySyntax(String name, JsonNode dependencies, List<String> violations) {
        for (JsonNode dependency : dependencies) {
            String text = dependency.asText();
            if (!text.startsWith("camel:") && !text.startsWith("mvn:") && !text.startsWith("github:apache/")) {
                violations.add("kamelet \"" + name + "\" declares dependency \"" + text + "\" that is not a"
                        + " \"camel:\", \"mvn:group:artifact:version\" or \"github:apache/...\" reference");
            }
            if (text.startsWith(ARTIFACT) && !text.equals(ARTIFACT + VERSION_TOKEN)) {
                violations.add("kamelet \"" + name + "\" depends on \"" + text + "\" with a version written by hand;"
                        + " write " + ARTIFACT + VERSION_TOKEN + " so that the build puts its version there");
            }
        }
    }

    /**
     * Camel itself reads the template into its route model; every endpoint's scheme and every expression's language
     * found there must be declared as camel:&lt;artifact&gt;, the artifact Camel's own metadata names for it (so
     * https is camel:http). The core languages (simple, constant, header ...) count as declared by camel:core, as in
     * the catalog. An endpoint URI that starts with a parameter takes the parameter's default or example.
     */
    private void checkComponentDependencies(KameletFile file, String name, JsonNode spec, List<String> violations) {
        Set<String> declared = new HashSet<>();
        spec.path("dependencies").forEach(dependency -> declared.add(dependency.asText()));
        JsonNode properties = spec.path("definition").path("properties");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(file.fileName(), file.text()));
            RouteTemplateDefinition template = camel.getRouteTemplateDefinition(name);
            if (template == null) {
                violations.add("kamelet \"" + name + "\" is not read by Camel as a route template");
                return;
            }
            Uses uses = uses(template.getRoute());
            Set<String> components = new LinkedHashSet<>(uses.components());
            for (String uri : uses.uris()) {
                String scheme = scheme(uri, properties);
                if (scheme == null) {
                    violations.add("kamelet \"" + name + "\" sends to \"" + uri + "\", whose component cannot be"
                            + " told: give the parameter a default or an example");
                } else {
                    components.add(scheme);
                }
            }
            for (String component : components) {
                String artifact = artifactId(camel.getComponentParameterJsonSchema(component), "component");
                requireDeclared(name, "the " + component + " component", artifact, declared, violations);
            }
            for (String language : uses.languages()) {
                String artifact = artifactId(camel.getLanguageParameterJsonSchema(language), "language");
                requireDeclared(name, "the " + language + " language", artifact, declared, violations);
            }
        } catch (Exception e) {
            violations.add("kamelet \"" + name + "\" cannot be read by Camel: " + e.getMessage());
        }
    }

    /** What a route uses: endpoint URIs, components named by an EIP rather than a URI, expression languages. */
    private record Uses(Set<String> uris, Set<String> components, Set<String> languages) {
    }

    private static Uses uses(RouteDefinition route) {
        Uses uses = new Uses(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        uses.uris().add(route.getInput().getEndpointUri());
        for (ProcessorDefinition<?> node : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                ProcessorDefinition.class)) {
            if (node instanceof EndpointRequiredDefinition endpoint) {
                uses.uris().add(endpoint.getEndpointUri());
            }
            if (node instanceof ToDynamicDefinition dynamic) {
                uses.uris().add(dynamic.getUri());
            }
            if (node instanceof BeanDefinition) {
                uses.components().add("bean");
            }
            if (node instanceof ExpressionNode expressionNode && expressionNode.getExpression() != null) {
                ExpressionDefinition expression = typed(expressionNode.getExpression());
                uses.languages().add(expression.getLanguage());
                // enrich and pollEnrich name their endpoint with an expression, mostly a constant URI
                boolean enrich = node instanceof EnrichDefinition || node instanceof PollEnrichDefinition;
                if (enrich && "constant".equals(expression.getLanguage())) {
                    uses.uris().add(expression.getExpression());
                }
            }
            if (node instanceof SetHeadersDefinition headers) {
                headers.getHeaders()
                        .forEach(header -> uses.languages().add(typed(header.getExpression()).getLanguage()));
            }
        }
        return uses;
    }

    private static ExpressionDefinition typed(ExpressionDefinition expression) {
        return expression.getExpressionType() != null ? expression.getExpressionType() : expression;
    }

    private static String scheme(String uri, JsonNode properties) {
        String resolved = uri;
        Matcher leading = LEADING_PARAMETER.matcher(uri);
        if (leading.find()) {
            JsonNode property = properties.path(leading.group(1));
            String value = property.path("default").asText(property.path("example").asText());
            resolved = value + uri.substring(leading.end());
        }
        Matcher scheme = SCHEME.matcher(resolved);
        return scheme.find() ? scheme.group(1) : null;
    }

    private String artifactId(String jsonSchema, String kind) throws IOException {
        return jsonSchema == null ? null : json.readTree(jsonSchema).path(kind).path("artifactId").asText(null);
    }

    private static void requireDeclared(String name, String what, String artifact, Set<String> declared,
            List<String> violations) {
        if (artifact == null) {
            violations.add("kamelet \"" + name + "\" uses " + what + ", which Camel does not know here");
            return;
        }
        String dependency = "camel:" + artifact.substring("camel-".length());
        boolean core = CORE_LANGUAGES.equals(artifact) && declared.contains("camel:core");
        if (!declared.contains(dependency) && !core) {
            violations.add("kamelet \"" + name + "\" uses " + what + " (" + artifact + ") but does not declare \""
                    + (CORE_LANGUAGES.equals(artifact) ? "camel:core" : dependency) + "\"");
        }
    }

    private static void duplicate(Map<String, String> owners, String value, String name, String what,
            List<String> violations) {
        String owner = value.isEmpty() ? null : owners.putIfAbsent(value, name);
        if (owner != null) {
            violations.add("kamelet \"" + name + "\" has the same " + what + " as \"" + owner + "\": \"" + value
                    + "\"");
        }
    }
}
