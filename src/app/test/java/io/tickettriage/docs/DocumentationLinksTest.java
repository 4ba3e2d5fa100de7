package io.tickettriage.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and the manual leads somewhere: to a file that exists and, with a {@code #part},
 * to a heading of it, as GitHub names its headings' anchors. The manual was cut out of one README, so a link that
 * still points at a section that moved is the likely mistake.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Path MANUAL = Path.of("src", "site", "markdown");

    @Test
    void everyRelativeLinkLeadsToAFileAndAHeading() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> pages = Files.walk(MANUAL)) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            Matcher link = LINK.matcher(outsideCode(Files.readString(document)));
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("^[a-z]+:.*")) {
                    check(document, target).ifPresent(broken::add);
                }
            }
        }
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    private static Optional<String> check(Path document, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        if (!Files.exists(linked)) {
            return Optional.of(document + ": " + target + " (no file " + linked + ")");
        }
        if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
            return Optional.of(document + ": " + target + " (no such heading in " + linked + ")");
        }
        return Optional.empty();
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as dashes. */
    static Set<String> anchors(Path markdown) throws IOException {
        if (!markdown.toString().endsWith(".md")) {
            return Set.of();
        }
        return outsideCode(Files.readString(markdown)).lines().filter(line -> line.matches("^#{1,6} .*"))
                .map(line -> line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    /** The text without its fenced code blocks, whose lines are neither headings nor links. */
    private static String outsideCode(String markdown) {
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
