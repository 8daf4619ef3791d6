package io.drip.demo.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.MessageJson;
import io.drip.demo.Endpoints;
import io.drip.demo.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo-store report}: the journeys' figures, read from the services' APIs, as a table. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints per journey and step: entered, sent, delivered, queued, suppressed by reason, clicked, converted, A/B results.")
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    Endpoints endpoints;

    @Spec
    CommandSpec spec;

    @Option(names = "--save", description = "also write the APIs' answers the report is made of to this JSON file")
    Path save;

    @Override
    public Integer call() throws Exception {
        Endpoints.required(endpoints.adminKey, "--admin-key", spec);
        JsonNode data = ReportData.fetch(new Http(), endpoints);
        if (save != null) {
            Files.writeString(save, MessageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(data));
        }
        System.out.print(ReportTable.render(JourneyReport.figures(data)));
        return 0;
    }
}
