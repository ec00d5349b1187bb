package io.switchboard.ingress.twilio;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An {@code application/x-www-form-urlencoded} body as Twilio posts it: the parameters in the order received,
 * decoded (the signature covers the decoded values). The raw bytes stay the record of truth on the raw topic; this
 * is a view of them.
 */
public record TwilioForm(List<Param> params) {

    public record Param(String name, String value) {
    }

    public TwilioForm {
        params = List.copyOf(params);
    }

    /** Parses a body; a malformed escape ({@code %zz}) is an IllegalArgumentException. */
    public static TwilioForm parse(byte[] body) {
        List<Param> params = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                params.add(new Param(decode(name), decode(value)));
            }
        }
        return new TwilioForm(params);
    }

    /** The first value of {@code name}, or null. */
    public String value(String name) {
        for (Param param : params) {
            if (param.name().equals(name)) {
                return param.value();
            }
        }
        return null;
    }

    /** Sorted by name (case-sensitive, as Twilio does), repeated names by value: the order the signature uses. */
    public List<Param> sorted() {
        List<Param> sorted = new ArrayList<>(params);
        sorted.sort(Comparator.comparing(Param::name).thenComparing(Param::value));
        return sorted;
    }

    /** The parameters as a JSON object of strings (the first value of a repeated name), for the normalizer. */
    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Param param : params) {
            if (!node.has(param.name())) {
                node.put(param.name(), param.value());
            }
        }
        return node;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
