package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link IngestBench}; bench/README.md explains every flag. */
final class Options {

    static final String USAGE = String.join("\n",
            "usage: java -jar bench/target/bench.jar [flags]",
            "  --rate 200,500,1000    fixed arrival rates in requests/s, one open-loop phase per rate and target (500)",
            "  --duration 20s         measured time of each open-loop phase (20s)",
            "  --warmup 5s            unmeasured lead-in of each phase at the same rate (5s)",
            "  --prime 60s            longest JIT warm-up per target, closed loop until its compiler is quiet (60s)",
            "  --probe 5s             measured time of the closed-loop max probe per target, 0 to skip (5s)",
            "  --probe-warmup 2s      unmeasured lead-in of the max probe (2s)",
            "  --connections 64       connections per target: open-loop pool size, max-probe concurrency (64)",
            "  --max-outstanding 1000 open loop: more in flight than this are not sent, count as errors (1000)",
            "  --timeout 10s          a request without an answer after this is an error (10s)",
            "  --targets bare,ingress which targets, in this order within each rate (bare,ingress)",
            "  --bootstrap host:port  use this Kafka broker instead of starting one (loopback only)",
            "  --jvm-opts '...'       JVM flags of both target JVMs ('-Xms512m -Xmx512m')",
            "  --ingress-jar path     (ingress-service/target/quarkus-app/quarkus-run.jar)",
            "  --settle 60s           after each ingress phase, wait up to this for its normalizer to catch up (60s)",
            "  --keep                 keep the temporary directory (broker data, child logs) after the run");

    List<Double> rates = List.of(500.0);
    Duration duration = Duration.ofSeconds(20);
    Duration warmup = Duration.ofSeconds(5);
    Duration prime = Duration.ofSeconds(60);
    Duration probe = Duration.ofSeconds(5);
    Duration probeWarmup = Duration.ofSeconds(2);
    int connections = 64;
    int maxOutstanding = 1000;
    Duration timeout = Duration.ofSeconds(10);
    List<String> targets = List.of("bare", "ingress");
    String bootstrap;
    List<String> jvmOpts = List.of("-Xms512m", "-Xmx512m");
    Path ingressJar;
    Duration settle = Duration.ofSeconds(60);
    boolean keep;

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if ("--keep".equals(flag)) {
                o.keep = true;
                continue;
            }
            if ("--help".equals(flag) || "-h".equals(flag)) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--rate":
                    List<Double> rates = new ArrayList<>();
                    for (String r : value.split(",")) {
                        rates.add(positive(flag, Double.parseDouble(r.trim())));
                    }
                    o.rates = rates;
                    break;
                case "--duration":
                    o.duration = Host.duration(value);
                    break;
                case "--warmup":
                    o.warmup = Host.duration(value);
                    break;
                case "--prime":
                    o.prime = Host.duration(value);
                    break;
                case "--probe":
                    o.probe = Host.duration(value);
                    break;
                case "--probe-warmup":
                    o.probeWarmup = Host.duration(value);
                    break;
                case "--connections":
                    o.connections = (int) positive(flag, Integer.parseInt(value));
                    break;
                case "--max-outstanding":
                    o.maxOutstanding = (int) positive(flag, Integer.parseInt(value));
                    break;
                case "--timeout":
                    o.timeout = Host.duration(value);
                    break;
                case "--targets":
                    o.targets = List.of(value.split(","));
                    for (String t : o.targets) {
                        if (!"bare".equals(t) && !"ingress".equals(t)) {
                            throw new IllegalArgumentException("unknown target " + t + " (bare, ingress)");
                        }
                    }
                    break;
                case "--bootstrap":
                    o.bootstrap = loopback(value);
                    break;
                case "--jvm-opts":
                    o.jvmOpts = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                    break;
                case "--ingress-jar":
                    o.ingressJar = Path.of(value).toAbsolutePath();
                    break;
                case "--settle":
                    o.settle = Host.duration(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (o.duration.isZero()) {
            throw new IllegalArgumentException("--duration must be more than 0");
        }
        return o;
    }

    /** The benchmark never reaches beyond this machine: an external broker must be on a loopback address too. */
    private static String loopback(String bootstrap) {
        for (String server : bootstrap.split(",")) {
            String host = server.substring(0, Math.max(0, server.lastIndexOf(':')));
            if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("[::1]")) {
                throw new IllegalArgumentException("--bootstrap must be a loopback address, not " + server);
            }
        }
        return bootstrap;
    }

    private static double positive(String flag, double value) {
        if (value <= 0) {
            throw new IllegalArgumentException(flag + " must be positive");
        }
        return value;
    }
}
