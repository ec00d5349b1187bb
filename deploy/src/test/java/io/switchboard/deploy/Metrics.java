package io.switchboard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Prometheus names of the meters the services register, read from their sources, and the dashboard's use of them. */
final class Metrics {

    /** Strimzi's Kafka Exporter (kafka.yaml, kafkaExporter). */
    static final Set<String> KAFKA_EXPORTER = Set.of("kafka_consumergroup_lag");

    private static final Pattern BUILDER = Pattern.compile("\\b(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"");
    private static final Pattern SHORTHAND =
            Pattern.compile("\\b(counter|timer|gauge|gaugeMapSize|gaugeCollectionSize|summary)\\(\\s*\"([^\"]+)\"");
    /** A builder's base unit, which Prometheus appends to the name ({@code .baseUnit("seconds")}). */
    private static final Pattern BASE_UNIT = Pattern.compile("^[^;]*?\\.baseUnit\\(\\s*\"([^\"]+)\"");
    private static final Pattern USED = Pattern.compile("\\b((switchboard|kafka_consumergroup)_[a-z0-9_]+)");

    private Metrics() {
    }

    /** Every Prometheus series name the services' meters produce (Micrometer's naming: dots to underscores). */
    static Set<String> registered(Path root) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String service : List.of("ingress-service", "routing-service", "agent-service", "outbound-service")) {
            try (Stream<Path> files = Files.walk(root.resolve(service).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    for (Pattern pattern : List.of(BUILDER, SHORTHAND)) {
                        Matcher matcher = pattern.matcher(source);
                        while (matcher.find()) {
                            String name = matcher.group(2).replace('.', '_');
                            Matcher unit = BASE_UNIT.matcher(source.substring(matcher.end()));
                            if (pattern == BUILDER && unit.find()) {
                                name = name + "_" + unit.group(1);
                            }
                            names.addAll(series(matcher.group(1).toLowerCase(), name));
                        }
                    }
                }
            }
        }
        return names;
    }

    /** The switchboard_* and lag series the dashboard queries that nothing registers or is about to. */
    static Set<String> unknownInDashboard(Path root, String dashboard) throws IOException {
        Set<String> known = registered(root);
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = USED.matcher(dashboard);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!known.contains(name) && !KAFKA_EXPORTER.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static List<String> series(String meter, String name) {
        return switch (meter) {
            case "counter" -> List.of(name + "_total");
            case "timer" -> List.of(name + "_seconds", name + "_seconds_bucket", name + "_seconds_count",
                    name + "_seconds_sum", name + "_seconds_max");
            case "distributionsummary", "summary" -> List.of(name, name + "_bucket", name + "_count", name + "_sum",
                    name + "_max");
            default -> List.of(name);
        };
    }
}
