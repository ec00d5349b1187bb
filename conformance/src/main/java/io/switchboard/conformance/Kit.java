package io.switchboard.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;

/**
 * The conformance kit's command line (conformance/README.md). Each mode named by a property runs, in this order:
 * <ul>
 * <li>{@code -Dtarget=<callback URL>}: the kit sends replies as Switchboard does and checks the answers (CS-7.x);</li>
 * <li>{@code -Dingress=<https://host/webhooks/custom/<sourceId>>}: the kit sends events as a source and checks the
 * ingress's answers (CS-2.x, CS-3.1, CS-4.1, CS-5.1);</li>
 * <li>{@code -Dlisten=<port> -Dsource=<sourceId>}: the kit is the ingress and checks what the source sends.</li>
 * </ul>
 * {@code -Dsecret} signs and verifies in every mode. Exit status 0 when every rule checked held, 1 when one failed or
 * nothing could be checked, 2 for a usage error.
 */
public final class Kit {

    private Kit() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.getProperties(), System.out));
    }

    public static int run(Properties options, PrintStream out) throws IOException, InterruptedException {
        String secret = options.getProperty("secret");
        boolean any = false;
        boolean failed = false;
        if (secret == null || secret.isEmpty()) {
            return usage(out, "-Dsecret is required");
        }
        if (options.getProperty("target") != null) {
            any = true;
            out.println("== Callback " + options.getProperty("target") + " (the kit plays Switchboard's outbound)");
            Report report = new CallbackProbe(new CallbackProbe.Settings(URI.create(options.getProperty("target")),
                    secret, options.getProperty("conversation", "conv_kit"), options.getProperty("user", "cust_kit"),
                    Duration.parse(options.getProperty("maxWait", "PT30S")))).run();
            report.print(out);
            failed |= report.failed();
        }
        if (options.getProperty("ingress") != null) {
            any = true;
            URI endpoint = URI.create(options.getProperty("ingress"));
            if (!endpoint.getPath().matches(".*/webhooks/custom/[^/]+")) {
                return usage(out, "-Dingress must be the source's endpoint, https://<host>/webhooks/custom/<sourceId>");
            }
            out.println("== Ingress " + endpoint + " (the kit plays a custom source)");
            Report report = new IngressProbe(new IngressProbe.Settings(endpoint, secret)).run();
            report.print(out);
            failed |= report.failed();
        }
        if (options.getProperty("listen") != null) {
            any = true;
            if (options.getProperty("source") == null) {
                return usage(out, "-Dlisten needs -Dsource=<the source id the source posts to>");
            }
            StandInIngress.Settings settings = new StandInIngress.Settings(options.getProperty("source"), secret,
                    Integer.parseInt(options.getProperty("requests", "5")),
                    Boolean.parseBoolean(options.getProperty("probeRetry", "true")),
                    Integer.parseInt(options.getProperty("retryAfter", "2")));
            try (StandInIngress ingress = new StandInIngress(settings, Integer.parseInt(options.getProperty("listen")),
                    out)) {
                out.println("== Listening on port " + ingress.port() + ": POST /webhooks/custom/"
                        + settings.sourceId() + " (the kit plays Switchboard's ingress); waiting for "
                        + settings.requests() + " stored requests");
                Report report = ingress.await(Duration.parse(options.getProperty("duration", "PT5M")));
                report.print(out);
                failed |= report.failed();
            }
        }
        if (!any) {
            return usage(out, "name at least one of -Dtarget, -Dingress, -Dlisten");
        }
        return failed ? 1 : 0;
    }

    private static int usage(PrintStream out, String problem) {
        out.println(problem);
        out.println("usage: ./mvnw -q -pl conformance compile exec:java -Dsecret=<secret>"
                + " [-Dtarget=<callback URL>] [-Dingress=https://<host>/webhooks/custom/<sourceId>]"
                + " [-Dlisten=<port> -Dsource=<sourceId> [-Drequests=5] [-Dduration=PT5M] [-DprobeRetry=true]]");
        return 2;
    }
}
