package io.drip.contact.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.MessageJson;
import io.drip.kit.web.InvalidRequestException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A contact search: a number (normalised as ingest does) and/or trait values, each matched
 * exactly (as a string, or as the number or boolean it spells).
 *
 * @param traits each trait as the JSON objects a matching contact's traits contain, any of them
 */
record ContactSearch(String phone, List<List<String>> traits, int limit, String after) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String TRAIT = "trait.";

    static ContactSearch of(String phone, String region, MultivaluedMap<String, String> query, Integer limit,
            String after) {
        String e164 = null;
        if (phone != null) {
            e164 = PhoneNormalizer.normalize(phone, region).e164();
            if (e164 == null) {
                throw new InvalidRequestException("phone", "'" + phone + "' is not a valid phone number in region " + region);
            }
        }
        List<List<String>> traits = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (parameter.getKey().startsWith(TRAIT) && parameter.getKey().length() > TRAIT.length()) {
                String name = parameter.getKey().substring(TRAIT.length());
                for (String value : parameter.getValue()) {
                    traits.add(containing(name, value));
                }
            }
        }
        if (e164 == null && traits.isEmpty()) {
            throw new InvalidRequestException(null, "search by ?phone=<number> or ?trait.<name>=<value> (e.g. ?trait.email=ada@example.com)");
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit is between 1 and " + MAX_LIMIT);
        }
        return new ContactSearch(e164, traits, size, after);
    }

    /** {"name": "value"}, and {"name": 42} or {"name": true} when the value spells one. */
    private static List<String> containing(String name, String value) {
        List<String> forms = new ArrayList<>(2);
        forms.add(MessageJson.write(Map.of(name, value)));
        try {
            JsonNode typed = MessageJson.mapper().readTree(value);
            if (typed != null && (typed.isNumber() || typed.isBoolean())) {
                forms.add(MessageJson.write(Map.of(name, typed)));
            }
        } catch (JsonProcessingException e) {
            // not a number or boolean: the string form only
        }
        return forms;
    }
}
