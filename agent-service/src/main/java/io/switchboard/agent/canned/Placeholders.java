package io.switchboard.agent.canned;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A canned reply's placeholders: {@code {{customer.name}}}, {@code {{customer.firstName}}}, {@code {{agent.name}}},
 * each with an optional fallback for a missing value after a bar: {@code {{customer.firstName|there}}}. A missing
 * value without a fallback renders as nothing. Any other name is refused when the reply is saved, so an agent never
 * sends a literal {@code {{...}}}.
 */
public final class Placeholders {

    public static final String CUSTOMER_NAME = "customer.name";
    public static final String CUSTOMER_FIRST_NAME = "customer.firstName";
    public static final String AGENT_NAME = "agent.name";
    static final Set<String> NAMES = Set.of(CUSTOMER_NAME, CUSTOMER_FIRST_NAME, AGENT_NAME);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}|]*?)\\s*(?:\\|([^{}]*))?}}");

    private Placeholders() {
    }

    /** The names in {@code template} that are not placeholders we know. */
    static List<String> unknown(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!NAMES.contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        return unknown;
    }

    /** {@code template} with each placeholder replaced by its value, else its fallback, else nothing. */
    static String render(String template, Map<String, String> values) {
        return PLACEHOLDER.matcher(template).replaceAll(match -> {
            String value = values.get(match.group(1));
            String fallback = match.group(2) == null ? "" : match.group(2).strip();
            return Matcher.quoteReplacement(value == null || value.isBlank() ? fallback : value);
        });
    }

    /** The values for a customer's name (may be null) and the agent's. */
    static Map<String, String> values(String customerName, String agentName) {
        Map<String, String> values = new java.util.HashMap<>();
        if (customerName != null && !customerName.isBlank()) {
            values.put(CUSTOMER_NAME, customerName.strip());
            values.put(CUSTOMER_FIRST_NAME, customerName.strip().split("\\s+")[0]);
        }
        if (agentName != null && !agentName.isBlank()) {
            values.put(AGENT_NAME, agentName.strip());
        }
        return values;
    }
}
