package io.drip.demo.shop;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Mobile numbers of a country that libphonenumber (and so contact-service and dispatch) takes for
 * valid SMS-capable numbers: the country's example mobile number with its last digits drawn at
 * random, kept only when libphonenumber still says mobile. Never the same number twice.
 */
final class MobileNumbers {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> SMS_CAPABLE = EnumSet.of(PhoneNumberType.MOBILE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);
    private static final int RANDOM_DIGITS = 5;
    private static final int ATTEMPTS = 1000;

    private final Set<String> issued = new HashSet<>();

    /** A new E.164 mobile number of the region (ISO 3166 code, e.g. NL). */
    String next(String region, Random random) {
        PhoneNumber example = PHONES.getExampleNumberForType(region, PhoneNumberType.MOBILE);
        if (example == null) {
            throw new IllegalArgumentException("libphonenumber has no example mobile number for " + region);
        }
        String national = PHONES.getNationalSignificantNumber(example);
        String stem = national.substring(0, national.length() - RANDOM_DIGITS);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StringBuilder digits = new StringBuilder(stem);
            for (int i = 0; i < RANDOM_DIGITS; i++) {
                digits.append(random.nextInt(10));
            }
            PhoneNumber candidate = new PhoneNumber().setCountryCode(example.getCountryCode())
                    .setNationalNumber(Long.parseLong(digits.toString()));
            String e164 = PHONES.format(candidate, PhoneNumberFormat.E164);
            if (PHONES.isValidNumber(candidate) && SMS_CAPABLE.contains(PHONES.getNumberType(candidate))
                    && issued.add(e164)) {
                return e164;
            }
        }
        throw new IllegalStateException("no new mobile number of " + region + " after " + ATTEMPTS + " attempts");
    }
}
