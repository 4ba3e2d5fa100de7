package io.tickettriage.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.adapter.Setting;
import io.tickettriage.adapter.freshdesk.FreshdeskSettings;
import io.tickettriage.adapter.otobo.OtoboSettings;
import io.tickettriage.adapter.rt.RtSettings;
import io.tickettriage.adapter.zammad.ZammadSettings;
import io.tickettriage.triage.DecisionSettings;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each help desk setting has one default, in its settings record ({@link Setting}), and each decision setting in
 * {@link DecisionSettings.Setting}; the shipped
 * {@code config/application.properties} shows it, and a value there that differed would be a second default.
 * Settings whose record has no default (URLs, credentials, mappings) are the user's to give, and not checked.
 */
class ShippedDefaultsTest {

    @Test
    void theShippedConfigurationShowsEachSettingsOneDefault() throws Exception {
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config", "application.properties"))) {
            shipped.load(reader);
        }
        List<String> differing = new ArrayList<>();
        int compared = 0;
        for (Setting setting : Stream.of(FreshdeskSettings.SETTINGS, ZammadSettings.SETTINGS, OtoboSettings.SETTINGS,
                        RtSettings.SETTINGS)
                .flatMap(List::stream).distinct().toList()) {
            String value = setting.key().isEmpty() ? null : shipped.getProperty(setting.key());
            if (value == null || value.isBlank() || setting.defaultValue().isEmpty()) {
                continue;
            }
            compared++;
            if (!value.strip().equals(setting.defaultValue())) {
                differing.add(setting.key() + " = " + value.strip() + ", its default " + setting.defaultValue());
            }
        }
        // The decision settings (thresholds, fallback, go-live) have theirs in DecisionSettings.
        for (DecisionSettings.Setting setting : DecisionSettings.Setting.values()) {
            String value = shipped.getProperty(setting.key());
            if (value == null || value.isBlank() || setting.defaultValue().isEmpty()) {
                continue;
            }
            compared++;
            if (!value.strip().equals(setting.defaultValue())) {
                differing.add(setting.key() + " = " + value.strip() + ", its default " + setting.defaultValue());
            }
        }
        assertTrue(compared >= 10, "the shipped configuration sets the settings: compared " + compared);
        assertEquals(List.of(), differing, "a second default in config/application.properties");
    }
}
