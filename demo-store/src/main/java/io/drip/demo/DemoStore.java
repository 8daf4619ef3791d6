package io.drip.demo;

import io.drip.demo.report.ReportCommand;
import io.drip.demo.shop.ShopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The demo's tool: {@code shop} plays a store's shoppers against Drip, {@code report} prints what the journeys achieved. */
@Command(name = "demo-store", mixinStandardHelpOptions = true, subcommands = {ShopCommand.class, ReportCommand.class},
        description = "Synthetic e-commerce traffic for Drip, and the demo's report.")
public final class DemoStore {

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoStore()).execute(args));
    }
}
