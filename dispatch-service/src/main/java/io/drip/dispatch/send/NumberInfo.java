package io.drip.dispatch.send;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import io.drip.kit.phone.E164Numbers;
import java.util.Locale;

/**
 * Where a number belongs, for delivery reports: its country (ISO region code), region (the
 * geocoder's place, often empty for mobiles) and carrier (the original operator of its range;
 * ported numbers keep it), from libphonenumber's offline geocoder and carrier mapper.
 */
public record NumberInfo(String country, String region, String carrier) {

    public static NumberInfo of(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = E164Numbers.read(e164);
            return new NumberInfo(util.getRegionCodeForNumber(number),
                    blankToNull(PhoneNumberOfflineGeocoder.getInstance().getDescriptionForNumber(number, Locale.ENGLISH)),
                    blankToNull(PhoneNumberToCarrierMapper.getInstance().getNameForNumber(number, Locale.ENGLISH)));
        } catch (NumberParseException e) {
            return new NumberInfo(null, null, null);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
