package io.drip.demo;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where the four services answer and the keys the demo uses: options shared by the commands. */
public final class Endpoints {
    @Option(names = "--contact-url", defaultValue = "http://127.0.0.1:8081", description = "contact-service (${DEFAULT-VALUE})")
    public String contact;

    @Option(names = "--journey-url", defaultValue = "http://127.0.0.1:8082", description = "journey-service (${DEFAULT-VALUE})")
    public String journey;

    @Option(names = "--dispatch-url", defaultValue = "http://127.0.0.1:8083", description = "dispatch-service (${DEFAULT-VALUE})")
    public String dispatch;

    @Option(names = "--tracking-url", defaultValue = "http://127.0.0.1:8084",
            description = "tracking-service, the base of the short links (${DEFAULT-VALUE})")
    public String tracking;

    @Option(names = "--admin-key", defaultValue = "${env:DRIP_DEMO_ADMIN_KEY}",
            description = "API key with roles marketer and viewer (default: $DRIP_DEMO_ADMIN_KEY)")
    public String adminKey;

    /** Fails the command when a key is neither given nor in the environment. */
    public static String required(String key, String option, CommandSpec spec) {
        if (key == null || key.isBlank()) {
            throw new ParameterException(spec.commandLine(), option + " is needed (or its environment variable)");
        }
        return key;
    }
}
