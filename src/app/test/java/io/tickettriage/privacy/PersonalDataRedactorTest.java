package io.tickettriage.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class PersonalDataRedactorTest {

    private final PersonalDataRedactor international = new PersonalDataRedactor(Optional.empty());

    @Test
    void eMailAddressesOfEveryShapeAreRedacted() {
        assertEquals("Refund for [e-mail], cc [e-mail] and [e-mail].", international.apply(
                "Refund for jane.doe@example.com, cc o'brien+billing@mail.example.co.uk and jürgen@beispiel.de."));
        assertEquals("{\"requester\":{\"email\":\"[e-mail]\"}}", international.apply(
                "{\"requester\":{\"email\":\"Jane_Doe-42@Example.COM\"}}"));
    }

    @Test
    void textThatOnlyLooksLikeAnAddressStays() {
        String text = "@team see root@localhost, version 2.4@beta and a @mention";
        assertEquals(text, international.apply(text));
    }

    @Test
    void ibansWithRightCheckDigitsAreRedactedInOnePieceAndInGroups() {
        assertEquals("Pay to [IBAN] or [IBAN] please", international.apply(
                "Pay to DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432 please"));
        assertEquals("IBAN [IBAN] THIS MONTH", international.apply("IBAN DE89 3704 0044 0532 0130 00 THIS MONTH"),
                "a word in capitals after the last group is not taken for part of it");
        assertEquals("because of: \"[IBAN]\", \"call\" for [IBAN] this month", international.apply(
                "because of: \"de89370400440532013000\", \"call\" for de89 3704 0044 0532 0130 00 this month"),
                "lower-cased, as a note's reasons quote the ticket's words");
    }

    @Test
    void anIbanShapeWithWrongCheckDigitsAndOrderNumbersStay() {
        String text = "Order DE88 3704 0044 0532 0130 00, ref AB12CDEF34567890, invoice 2026-0047-1183";
        assertEquals(text, international.apply(text));
        assertTrue(PersonalDataRedactor.isIban("DE89370400440532013000"));
        assertFalse(PersonalDataRedactor.isIban("DE89370400440532013001"));
    }

    @Test
    void phoneNumbersInInternationalFormAreRedactedAndOtherDigitsStay() {
        assertEquals("Call me at [phone] or [phone].", international.apply(
                "Call me at +49 30 901820 or +1 650-253-0000."));
        String digits = "Order 4471, ticket 123456, at 2026-12-07T10:00:00Z, 3 items of 19.99, local 030 901820";
        assertEquals(digits, international.apply(digits), "a number without its country code needs a region");
    }

    @Test
    void aRegionAlsoFindsItsOwnWayOfWritingThem() {
        PersonalDataRedactor german = new PersonalDataRedactor(Optional.of("de"));
        assertEquals("Rückruf unter [phone], Bestellung 4471", german.apply("Rückruf unter 030 901820, Bestellung 4471"));
    }

    @Test
    void theSettingsSwitchItAndAnUnknownRegionIsAConfigurationError() {
        String text = "jane@example.com";
        assertEquals("[e-mail]", configured(Map.of()).apply(text), "on by default");
        assertEquals(text, configured(Map.of(PersonalDataRedactor.ENABLED, "false")).apply(text));
        ConfigurationException wrong = assertThrows(ConfigurationException.class,
                () -> configured(Map.of(PersonalDataRedactor.PHONE_REGION, "Germany")));
        assertTrue(wrong.getMessage().startsWith("triage.redaction.phone-region: 'Germany' is no country"),
                wrong.getMessage());
    }

    private static UnaryOperator<String> configured(Map<String, String> settings) {
        DefaultCamelContext camel = new DefaultCamelContext();
        settings.forEach((key, value) -> camel.getPropertiesComponent().addInitialProperty(key, value));
        return PersonalDataRedactor.configured(new TriageProperties(camel.getPropertiesComponent()));
    }
}
