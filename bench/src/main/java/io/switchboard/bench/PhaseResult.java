package io.switchboard.bench;

import org.HdrHistogram.Histogram;

/**
 * The measured part of one phase against one target. Latencies (microseconds) are of every answered request, 2xx or
 * not; in the open loop from the request's scheduled time, so that a stall delays every request behind it.
 *
 * @param load     what was run, e.g. {@code 500/s} or {@code max 64c}
 * @param offered  the scheduled rate (0 for a closed-loop probe)
 * @param ok       2xx answers
 * @param non2xx   other answers
 * @param errors   no answer (timeout, connection error) plus requests never sent because too many were outstanding
 * @param overflow of the errors, those never sent
 * @param seconds  from the first measured send to the last measured answer (at least the scheduled window)
 * @param latency  response latency
 * @param sendLag  open loop: how late the generator sent a request after its scheduled time
 * @param answered answers of the whole phase, warm-up included: the divisor of the CPU costs
 * @param cpu      CPU milliseconds per answered request of the target, the broker and the load generator, over the
 *                 whole phase (for ingress, until its normalizer caught up); NaN where unknown
 */
record PhaseResult(String load, double offered, long ok, long non2xx, long errors, long overflow, double seconds,
        Histogram latency, Histogram sendLag, long answered, Cpu cpu) {

    /** CPU milliseconds per request. Unlike latency, barely moved by other processes on the machine. */
    record Cpu(double target, double broker, double generator) {
        static final Cpu UNKNOWN = new Cpu(Double.NaN, Double.NaN, Double.NaN);
    }

    PhaseResult withCpu(Cpu measured) {
        return new PhaseResult(load, offered, ok, non2xx, errors, overflow, seconds, latency, sendLag, answered,
                measured);
    }

    double throughput() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    /** A percentile in milliseconds; NaN when nothing was answered. */
    double millis(double percentile) {
        if (latency.getTotalCount() == 0) {
            return Double.NaN;
        }
        return (percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile)) / 1000.0;
    }
}
