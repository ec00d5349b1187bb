package io.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result tables, in Markdown so that they can be pasted into bench/README.md as they are. */
final class Report {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    /** Results by target name, in the order run. */
    private final Map<String, List<PhaseResult>> results = new LinkedHashMap<>();

    void add(String target, PhaseResult result) {
        results.computeIfAbsent(target, t -> new ArrayList<>()).add(result);
    }

    String render(Map<String, String> titles) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<PhaseResult>> e : results.entrySet()) {
            out.append("\n").append(titles.getOrDefault(e.getKey(), e.getKey())).append("\n\n");
            out.append("| load | offered/s | 2xx/s | non-2xx | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms"
                    + " | gen lag p99 ms | CPU ms/req | broker CPU ms/req |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (PhaseResult r : e.getValue()) {
                out.append("| ").append(r.load())
                        .append(" | ").append(r.offered() > 0 ? String.format(Locale.ROOT, "%.0f", r.offered())
                                : "closed")
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.throughput()))
                        .append(" | ").append(r.non2xx())
                        .append(" | ").append(r.errors())
                        .append(r.overflow() > 0 ? " (" + r.overflow() + " unsent)" : "");
                for (double p : PERCENTILES) {
                    out.append(" | ").append(ms(r.millis(p)));
                }
                out.append(" | ").append(r.offered() > 0 && r.sendLag().getTotalCount() > 0
                        ? ms(r.sendLag().getValueAtPercentile(99) / 1000.0) : "-")
                        .append(" | ").append(ms(r.cpu().target()))
                        .append(" | ").append(ms(r.cpu().broker())).append(" |\n");
            }
        }
        List<PhaseResult> bare = results.get("bare");
        List<PhaseResult> ingress = results.get("ingress");
        if (bare != null && ingress != null) {
            out.append("\n").append("ingress / bare (throughput: 1.00 = as fast; latency: how many times slower)")
                    .append("\n\n");
            out.append("| load | 2xx/s | p50 | p90 | p99 | p99.9 | max | CPU/req | broker CPU/req |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (PhaseResult i : ingress) {
                PhaseResult b = bare.stream().filter(x -> x.load().equals(i.load())).findFirst().orElse(null);
                if (b == null) {
                    continue;
                }
                out.append("| ").append(i.load()).append(" | ").append(ratio(i.throughput(), b.throughput()));
                for (double p : PERCENTILES) {
                    out.append(" | ").append(ratio(i.millis(p), b.millis(p)));
                }
                out.append(" | ").append(ratio(i.cpu().target(), b.cpu().target()))
                        .append(" | ").append(ratio(i.cpu().broker(), b.cpu().broker())).append(" |\n");
            }
        }
        return out.toString();
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : millis < 100 ? "%.1f" : "%.0f", millis);
    }

    private static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }
}
