package io.switchboard.devinfra;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.events.Topics;

/**
 * Every topic of the event contract, read from the constants of {@link Topics}, so that the local stack and the
 * benches create exactly what the contract names (a topic added there is created here without a second list).
 */
public final class ContractTopics {

    private static final List<String> ALL = read();

    private ContractTopics() {
    }

    /** The topic names, each once. */
    public static List<String> all() {
        return ALL;
    }

    private static List<String> read() {
        List<String> names = new ArrayList<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(names);
    }
}
