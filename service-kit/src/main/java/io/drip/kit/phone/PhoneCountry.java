package io.drip.kit.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * A contact's country: the region of its phone number (libphonenumber), for journey-service's
 * click hours per country and dispatch-service's country rules.
 */
public final class PhoneCountry {

    private PhoneCountry() {
    }

    /** The ISO 3166-1 region of an E.164 number (FR for +33...); null without a number, or for one of no country. */
    public static String of(String e164) {
        if (e164 == null) {
            return null;
        }
        PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
        try {
            String region = numbers.getRegionCodeForNumber(E164Numbers.read(e164));
            return region == null || region.equals("001") ? null : region; // 001: satellite and other global numbers
        } catch (NumberParseException e) {
            return null;
        }
    }
}
