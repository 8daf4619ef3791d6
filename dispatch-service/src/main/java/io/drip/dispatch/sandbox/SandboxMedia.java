package io.drip.dispatch.sandbox;

import io.vertx.mutiny.sqlclient.Row;
import java.util.List;

/** The image URLs of a sandbox message as the inbox shows them: none for an SMS. */
final class SandboxMedia {

    private SandboxMedia() {
    }

    static List<String> of(Row row) {
        String[] media = row.getArrayOfStrings("media");
        return media == null ? List.of() : List.of(media);
    }
}
