package io.switchboard.events;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sample events built by reflection, so a component added to any record is filled without touching this class.
 * Every filled value is non-empty (NON_EMPTY would drop empty strings and collections and hide the field).
 */
final class Samples {

    /** Which components to fill; the others get null, 0 or false. */
    interface Fill {
        boolean test(Class<?> record, RecordComponent component);
    }

    static final Instant SAMPLE_INSTANT = Instant.parse("2026-03-14T09:26:53.589Z");

    /** JSON type and format of the scalar Java types events may use. */
    static final Map<Class<?>, String[]> SCALARS = Map.ofEntries(
            Map.entry(String.class, new String[] {"string"}),
            Map.entry(Instant.class, new String[] {"string", "date-time"}),
            Map.entry(boolean.class, new String[] {"boolean"}),
            Map.entry(Boolean.class, new String[] {"boolean"}),
            Map.entry(int.class, new String[] {"integer", "int32"}),
            Map.entry(Integer.class, new String[] {"integer", "int32"}),
            Map.entry(long.class, new String[] {"integer", "int64"}),
            Map.entry(Long.class, new String[] {"integer", "int64"}),
            Map.entry(double.class, new String[] {"number", "double"}),
            Map.entry(Double.class, new String[] {"number", "double"}),
            Map.entry(BigDecimal.class, new String[] {"number"}),
            Map.entry(BigInteger.class, new String[] {"integer"}));

    private Samples() {
    }

    static <T> T full(Class<T> recordType) {
        return build(recordType, (record, component) -> true);
    }

    static <T> T build(Class<T> recordType, Fill fill) {
        RecordComponent[] components = recordType.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = fill.test(recordType, components[i])
                    ? value(components[i].getGenericType(), fill, recordType, components[i])
                    : absent(types[i]);
        }
        try {
            Constructor<T> canonical = recordType.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + recordType.getName(), e);
        }
    }

    private static Object value(Type type, Fill fill, Class<?> owner, RecordComponent component) {
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || raw == Collection.class) {
                return List.of(value(arguments[0], fill, owner, component));
            }
            if (Set.class.isAssignableFrom(raw)) {
                return Set.of(value(arguments[0], fill, owner, component));
            }
            if (Map.class.isAssignableFrom(raw) && arguments[0] == String.class) {
                return Map.of("sample-key", value(arguments[1], fill, owner, component));
            }
        } else if (type instanceof Class) {
            Class<?> clazz = (Class<?>) type;
            if (clazz.isRecord()) {
                return build(clazz, fill);
            }
            if (clazz.isEnum()) {
                return clazz.getEnumConstants()[0];
            }
            Object scalar = scalar(clazz, component.getName());
            if (scalar != null) {
                return scalar;
            }
        }
        throw new IllegalStateException(owner.getSimpleName() + "." + component.getName() + " has type " + type
                + " that ContractDriftTest.Samples cannot fill: teach Samples.value and Samples.SCALARS");
    }

    private static Object scalar(Class<?> type, String name) {
        if (type == String.class) {
            return "sample-" + name;
        }
        if (type == Instant.class) {
            return SAMPLE_INSTANT;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == int.class || type == Integer.class) {
            // Small enough for bounded integers (a skill's proficiency is 1 to 5).
            return 3;
        }
        if (type == long.class || type == Long.class) {
            return 4_294_967_296L;
        }
        if (type == double.class || type == Double.class) {
            return 52.520008;
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("12.50");
        }
        if (type == BigInteger.class) {
            return BigInteger.TEN;
        }
        return null;
    }

    private static Object absent(Class<?> type) {
        return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
    }
}
