package io.switchboard.conformance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run found, per rule: each check that held and each one that did not, with what was seen. Thread-safe, since
 * the stand-in ingress records from its request threads. A rule no check touched is "not checked", which fails
 * nothing: e.g. CS-7.7 when the receiver never answered a temporary refusal.
 */
public final class Report {

    public enum Verdict { PASS, FAIL, NOT_CHECKED }

    private final Set<Rule> scope;
    private final Map<Rule, Integer> passed = new EnumMap<>(Rule.class);
    private final Map<Rule, List<String>> failures = new EnumMap<>(Rule.class);

    /** @param scope the rules this mode checks, reported in this order */
    public Report(Set<Rule> scope) {
        this.scope = scope;
    }

    public synchronized void pass(Rule rule) {
        passed.merge(rule, 1, Integer::sum);
    }

    public synchronized void fail(Rule rule, String what) {
        failures.computeIfAbsent(rule, r -> new ArrayList<>()).add(what);
    }

    /** Records one check: held, or failed with {@code what}. */
    public void check(Rule rule, boolean held, String what) {
        if (held) {
            pass(rule);
        } else {
            fail(rule, what);
        }
    }

    public synchronized Verdict verdict(Rule rule) {
        if (failures.containsKey(rule)) {
            return Verdict.FAIL;
        }
        return passed.containsKey(rule) ? Verdict.PASS : Verdict.NOT_CHECKED;
    }

    public synchronized List<String> failures(Rule rule) {
        return List.copyOf(failures.getOrDefault(rule, List.of()));
    }

    /** The ids of the rules that failed, e.g. {@code [CS-2.3, CS-5.1]}. */
    public synchronized List<String> failedIds() {
        return scope.stream().filter(failures::containsKey).map(rule -> rule.id).toList();
    }

    /** Failed when a rule failed, or when nothing at all could be checked (nothing answered, nothing sent). */
    public synchronized boolean failed() {
        return !failures.isEmpty() || passed.isEmpty();
    }

    public synchronized void print(PrintStream out) {
        for (Rule rule : scope) {
            Verdict verdict = verdict(rule);
            String count = verdict == Verdict.PASS ? " (" + passed.get(rule) + " checks)" : "";
            out.printf("%-11s %-6s %s%s%n", verdict, rule.id, rule.text, count);
            for (String failure : failures(rule)) {
                out.println("                   - " + failure);
            }
        }
        out.println(failed() ? (passed.isEmpty() && failures.isEmpty() ? "FAILED: nothing could be checked"
                : "FAILED: " + String.join(", ", failedIds())) : "PASSED");
    }
}
