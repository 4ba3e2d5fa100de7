package io.tickettriage.privacy;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses, phone numbers and IBANs in text that ticket-triage keeps or logs about a ticket (dead
 * letters, failure lines) by {@value #EMAIL}, {@value #PHONE} and {@value #IBAN}. It errs on the side of leaving
 * ordinary text alone, so that a dead letter still says what went wrong:
 * <ul>
 *   <li>an e-mail address is a local part, {@code @}, and a domain of at least two labels (letters of any script);</li>
 *   <li>an IBAN is a country code, two check digits and 11 to 30 letters or digits, written in one piece or in
 *       groups of four, in upper or lower case, whose check digits are right (ISO 13616, mod 97): an order number of that shape passes by
 *       chance once in 97 tries at most, and none of any other shape is touched;</li>
 *   <li>a phone number is one Google's libphonenumber finds and holds for a number that can exist: in international
 *       form ({@code +49 30 1234567}) always, in a country's own form ({@code 030 1234567}) only for the region it is
 *       given ({@code triage.redaction.phone-region}), since a string of digits is a phone number in one country and
 *       an order number in the next.</li>
 * </ul>
 */
public final class PersonalDataRedactor implements UnaryOperator<String> {

    /** Whether text about tickets is redacted at all; on unless set to false. */
    public static final String ENABLED = "triage.redaction.enabled";
    public static final boolean ENABLED_BY_DEFAULT = true;
    public static final String PHONE_REGION = "triage.redaction.phone-region";

    public static final String EMAIL = "[e-mail]";
    public static final String PHONE = "[phone]";
    public static final String IBAN = "[IBAN]";

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}]"
            + "(?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");
    /**
     * In one piece, or in groups of four as IBANs are printed, in either case (a note's reasons quote the ticket's
     * words lower-cased); validated by {@link #isIban} afterwards.
     */
    private static final Pattern IBAN_SHAPE = Pattern.compile("\\b[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}"
            + "|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)\\b", Pattern.CASE_INSENSITIVE);
    private static final int SHORTEST_IBAN = 15;
    private static final int LONGEST_IBAN = 34;
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    /** libphonenumber's region for "none": only numbers in international form are found. */
    private static final String NO_REGION = "ZZ";

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String region;

    /**
     * @param phoneRegion the country whose own way of writing phone numbers is also recognised (ISO 3166 alpha-2,
     *                    e.g. {@code DE}); empty: international form only
     * @throws IllegalArgumentException for a region libphonenumber does not know
     */
    public PersonalDataRedactor(Optional<String> phoneRegion) {
        this.region = phoneRegion.map(r -> r.strip().toUpperCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                .orElse(NO_REGION);
        if (!region.equals(NO_REGION) && !phones.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("'" + phoneRegion.orElseThrow() + "' is no country libphonenumber "
                    + "knows; give a two-letter ISO 3166 code such as DE, AT or CH, or leave it empty");
        }
    }

    /** What the configuration asks for: this redactor, or the text as it is when {@value #ENABLED} is false. */
    public static UnaryOperator<String> configured(TriageProperties properties) {
        if (!properties.flag(ENABLED, ENABLED_BY_DEFAULT)) {
            return UnaryOperator.identity();
        }
        try {
            return new PersonalDataRedactor(properties.optional(PHONE_REGION));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(properties.name(PHONE_REGION) + ": " + e.getMessage());
        }
    }

    @Override
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        result = redactIbans(result);
        return redactPhones(result);
    }

    private static String redactIbans(String text) {
        Matcher shape = IBAN_SHAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        while (shape.find()) {
            String candidate = shape.group();
            // Groups of four may run on into a word that follows ("… 0130 00 THIS"): drop trailing groups until valid.
            while (!isIban(candidate) && candidate.contains(" ")) {
                candidate = candidate.substring(0, candidate.lastIndexOf(' '));
            }
            if (isIban(candidate)) {
                out.append(text, copied, shape.start()).append(IBAN);
                copied = shape.start() + candidate.length();
            }
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /** ISO 13616: the country code and check digits moved to the end, letters as 10 to 35, the number mod 97 is 1. */
    static boolean isIban(String candidate) {
        String compact = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < SHORTEST_IBAN || compact.length() > LONGEST_IBAN) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    private String redactPhones(String text) {
        List<PhoneNumberMatch> found = new ArrayList<>();
        phones.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE).forEach(found::add);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (PhoneNumberMatch match : found) {
            out.append(text, copied, match.start()).append(PHONE);
            copied = match.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    @Override
    public String toString() {
        return "PersonalDataRedactor[e-mail, IBAN, phone numbers " + (region.equals(NO_REGION)
                ? "in international form" : "in international form and as written in " + region) + "]";
    }
}
