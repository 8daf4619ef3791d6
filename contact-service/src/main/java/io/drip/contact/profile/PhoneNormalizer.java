package io.drip.contact.profile;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Optional;

/** Turns what a backend sent as a phone number into E.164 with a status and a time-zone hint. */
public final class PhoneNormalizer {
    public static final String VALID = "valid";
    public static final String INVALID = "invalid";
    public static final String NOT_MOBILE = "not_mobile";
    public static final String MISSING = "missing";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final List<PhoneNumberType> SMS_CAPABLE =
            List.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

    /**
     * @param e164     null unless the number is valid
     * @param timezone the number's zone when libphonenumber knows exactly one zone for it
     */
    public record Result(String e164, String status, Optional<String> timezone) {
    }

    private PhoneNormalizer() {
    }

    public static Result normalize(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return new Result(null, MISSING, Optional.empty());
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            return new Result(null, INVALID, Optional.empty());
        }
        if (!UTIL.isValidNumber(number)) {
            return new Result(null, INVALID, Optional.empty());
        }
        String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        String status = SMS_CAPABLE.contains(UTIL.getNumberType(number)) ? VALID : NOT_MOBILE;
        return new Result(e164, status, timezoneOf(number));
    }

    private static Optional<String> timezoneOf(PhoneNumber number) {
        // a number spanning several zones (e.g. a Russian or Brazilian mobile) gives no hint
        List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number);
        if (zones.size() != 1 || zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
            return Optional.empty();
        }
        return Optional.of(zones.get(0));
    }
}
