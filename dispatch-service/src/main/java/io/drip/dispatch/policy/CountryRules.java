package io.drip.dispatch.policy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import io.drip.kit.phone.PhoneCountry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Days on which a country allows no marketing SMS (e.g. France: Sundays and public holidays),
 * by the region of the contact's number (libphonenumber); public holidays come from Jollyday's
 * calendar of that country. Configured as {@code drip.country-rules.<REGION>.*}.
 */
@ApplicationScoped
public class CountryRules {

    @ConfigMapping(prefix = "drip.country-rules")
    public interface Config {
        @WithParentName
        Map<String, Rule> countries();

        interface Rule {
            /** Days of the week with no marketing, e.g. SUNDAY. */
            Optional<List<DayOfWeek>> noMarketingDays();

            /** No marketing on the country's public holidays. */
            @WithDefault("false")
            boolean noMarketingOnHolidays();
        }
    }

    @Inject
    Config config;

    private final Map<String, HolidayManager> holidays = new ConcurrentHashMap<>();
    private volatile List<String> callingCodes;

    /** The local days on which no marketing may reach this number; never, where no rule applies. */
    public Predicate<LocalDate> closedDays(String phone) {
        if (!underARuledCallingCode(phone)) {
            return day -> false;
        }
        Optional<String> region = Optional.ofNullable(PhoneCountry.of(phone));
        Config.Rule rule = region.map(r -> config.countries().get(r)).orElse(null);
        if (rule == null) {
            return day -> false;
        }
        List<DayOfWeek> days = rule.noMarketingDays().orElse(List.of());
        return day -> days.contains(day.getDayOfWeek())
                || rule.noMarketingOnHolidays() && holidays(region.get()).isHoliday(day, HolidayType.PUBLIC_HOLIDAY);
    }

    /**
     * Whether the E.164 number starts with the calling code of a country that has rules: most
     * numbers do not, and need no parse (calling codes are prefix-free, so the test is exact).
     */
    private boolean underARuledCallingCode(String phone) {
        List<String> codes = callingCodes;
        if (codes == null) {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            codes = config.countries().keySet().stream().map(r -> "+" + util.getCountryCodeForRegion(r)).distinct().toList();
            callingCodes = codes;
        }
        return codes.stream().anyMatch(phone::startsWith);
    }

    private HolidayManager holidays(String region) {
        return holidays.computeIfAbsent(region,
                r -> HolidayManager.getInstance(ManagerParameters.create(r.toLowerCase(Locale.ROOT))));
    }
}
