package io.drip.kit.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.MessageJson;
import java.util.Collection;

/** Checks of a JSON request body read as a tree, each a 400 naming the place. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** Refuses a key of the body's top level that is not one of {@code known}: a misspelt key is never dropped silently. */
    public static void onlyKeys(JsonNode body, Collection<String> known) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidRequestException("/" + name.replace("~", "~0").replace("/", "~1"),
                        "unknown key '" + name + "': the body takes " + known);
            }
        }
    }

    /** Refuses a NUL character (U+0000) anywhere in the body: PostgreSQL cannot store one. */
    public static void noNul(JsonNode body) {
        String nul = MessageJson.nulCharacterAt(body);
        if (nul != null) {
            throw new InvalidRequestException(nul, MessageJson.nulProblem(nul));
        }
    }
}
