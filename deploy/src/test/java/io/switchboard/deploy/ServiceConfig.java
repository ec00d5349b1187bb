package io.switchboard.deploy;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * What one service reads from configuration, taken from its sources: {@code application.properties} (over messaging's
 * shared {@code META-INF/microprofile-config.properties}) and its one
 * {@code @ConfigMapping} interface, compiled here from source (the deploy module does not depend on the services, so
 * building it does not build and test all four).
 *
 * @param properties the keys and values of the default profile
 * @param keys every key the file names, in any profile (profile prefix removed)
 * @param mapping every leaf of the {@code @ConfigMapping}, {@code *} standing for a map key
 * @param mappingType the {@code @ConfigMapping} interface itself
 */
record ServiceConfig(String name, Map<String, String> properties, Set<String> keys, List<Leaf> mapping,
        Class<?> mappingType, Path propertiesFile) {

    /**
     * A leaf of the mapping.
     *
     * @param required no default, not optional: must be set (for a leaf under a map, in every entry of that map)
     * @param mapEntry the pattern of the map entry the leaf belongs to ({@code a.b.*}), or null
     */
    record Leaf(String pattern, boolean required, String mapEntry) {
    }

    static ServiceConfig load(Path root, String service) throws IOException {
        Path module = root.resolve(service);
        Map<String, String> properties = new HashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        Properties file = new Properties();
        Path propertiesFile = module.resolve("src/main/resources/application.properties");
        try (Reader reader = Files.newBufferedReader(propertiesFile)) {
            file.load(reader);
        }
        // Below the service's own file: the defaults every service reads from messaging's jar (docs/security.md).
        Properties shared = new Properties();
        Path sharedFile = root.resolve("messaging/src/main/resources/META-INF/microprofile-config.properties");
        if (Files.readString(module.resolve("pom.xml")).contains("<artifactId>switchboard-messaging</artifactId>")
                && Files.isRegularFile(sharedFile)) {
            try (Reader reader = Files.newBufferedReader(sharedFile)) {
                shared.load(reader);
            }
        }
        for (Properties source : List.of(shared, file)) {
            for (String key : source.stringPropertyNames()) {
                if (key.startsWith("%")) {
                    keys.add(key.substring(key.indexOf('.') + 1));
                } else {
                    keys.add(key);
                    properties.put(key, source.getProperty(key));
                }
            }
        }
        Class<?> root0 = compileMapping(module);
        List<Leaf> mapping = new ArrayList<>();
        walk(root0, root0.getAnnotation(ConfigMapping.class).prefix(), null, mapping);
        return new ServiceConfig(service, properties, keys, mapping, root0, propertiesFile);
    }

    /**
     * Binds the service's {@code @ConfigMapping} as SmallRye Config does in production: these environment variables over
     * its application.properties, profile {@code prod}. Fails as the service's start would: a required key missing, a
     * value that does not convert.
     */
    /** The service's Maven module (its pom and sources). */
    Path module() {
        return propertiesFile.getParent().getParent().getParent().getParent();
    }

    /** Whether the service traces with OpenTelemetry (its pom has the extension), so needs an OTLP endpoint. */
    boolean traces() {
        try {
            return Files.readString(module().resolve("pom.xml")).contains("<artifactId>quarkus-opentelemetry</artifactId>");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Object bind(Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(propertiesFile.toUri().toURL(), 250))
                .withMapping(mappingType)
                .build();
        return config.getConfigMapping(mappingType);
    }

    int httpPort() {
        return Integer.parseInt(properties.get("quarkus.http.port"));
    }

    /** Where health and metrics are served: {@code quarkus.management.port} when the interface is on, else HTTP. */
    int managementPort() {
        return "true".equals(properties.get("quarkus.management.enabled"))
                ? Integer.parseInt(properties.getOrDefault("quarkus.management.port", "9000")) : httpPort();
    }

    /** Whether the service talks to Kafka at all. */
    boolean usesKafka() {
        return properties.containsKey("kafka.bootstrap.servers");
    }

    /**
     * Every topic the service reads: its incoming channels', its Kafka Streams application's, and those it reads by
     * assignment, without a consumer group ({@code switchboard.messaging.topics.read-by-assignment}: ingress's replay).
     */
    Set<String> reads() {
        Set<String> topics = new LinkedHashSet<>();
        consumption().forEach(pair -> topics.add(pair.get(1)));
        for (String topic : properties.getOrDefault("switchboard.messaging.topics.read-by-assignment", "").split(",")) {
            if (!topic.isBlank()) {
                topics.add(topic.trim());
            }
        }
        return topics;
    }

    /** Every consumer group the service uses (a Kafka Streams application id is one). */
    Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        consumption().forEach(pair -> groups.add(pair.get(0)));
        return groups;
    }

    /**
     * Every topic the service writes: its outgoing channels', its dead-letter topic, and those of
     * {@code switchboard.messaging.topics.names} (every topic it reads or writes) that it does not read.
     */
    Set<String> writes() {
        Set<String> topics = new LinkedHashSet<>();
        Pattern channel = Pattern.compile("mp\\.messaging\\.outgoing\\.([^.]+)\\.topic");
        properties.forEach((key, topic) -> {
            if (channel.matcher(key).matches()) {
                topics.add(topic);
            }
        });
        Optional.ofNullable(properties.get("switchboard.messaging.dead-letter-topic")).ifPresent(topics::add);
        // What it consumes; a topic it only reads back by assignment (ingress's dead letters) it writes too.
        Set<String> reads = new LinkedHashSet<>();
        consumption().forEach(pair -> reads.add(pair.get(1)));
        for (String topic : properties.getOrDefault("switchboard.messaging.topics.names", "").split(",")) {
            if (!topic.isBlank() && !reads.contains(topic.trim())) {
                topics.add(topic.trim());
            }
        }
        return topics;
    }

    /** Every (consumer group, topic) this service consumes: its incoming channels, and a Kafka Streams application. */
    Set<List<String>> consumption() {
        Set<List<String>> pairs = new LinkedHashSet<>();
        Pattern channel = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
        properties.forEach((key, topic) -> {
            var matcher = channel.matcher(key);
            if (matcher.matches()) {
                String group = properties.get("mp.messaging.incoming." + matcher.group(1) + ".group.id");
                pairs.add(List.of(String.valueOf(group), topic));
            }
        });
        String streams = properties.get("quarkus.kafka-streams.application-id");
        if (streams != null) {
            for (String topic : properties.getOrDefault("quarkus.kafka-streams.topics", "").split(",")) {
                pairs.add(List.of(streams, topic.trim()));
            }
        }
        return pairs;
    }

    /** The environment variable SmallRye Config reads for a key ({@code switchboard.foo-bar} ↔ {@code SWITCHBOARD_FOO_BAR}). */
    static String envName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * An environment variable matching a mapping pattern. A map key is one segment of letters and digits starting with
     * a letter ({@code _ACME_}), or quoted ({@code __1234567890__}): SmallRye silently ignores an unquoted numeric key
     * (it reads it as a list index), and Meta's account ids are all numeric.
     */
    static Pattern envPattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String segment : pattern.split("\\.")) {
            regex.append(regex.isEmpty() ? "" : "_")
                    .append(segment.equals("*") ? "(?:_([A-Z0-9]+)_|([A-Z][A-Z0-9]*))" : Pattern.quote(envName(segment)));
        }
        return Pattern.compile(regex.toString());
    }

    private static Class<?> compileMapping(Path module) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            sources = files.filter(path -> path.toString().endsWith(".java")).filter(ServiceConfig::isMapping).toList();
        }
        if (sources.size() != 1) {
            throw new IllegalStateException(module + ": expected one @ConfigMapping, found " + sources);
        }
        Path out = Files.createTempDirectory("config-mapping");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", sources.get(0).toString());
        if (status != 0) {
            throw new IllegalStateException("cannot compile " + sources.get(0));
        }
        String source = Files.readString(sources.get(0));
        String pkg = source.replaceAll("(?s).*?package\\s+([\\w.]+);.*", "$1");
        String simple = sources.get(0).getFileName().toString().replace(".java", "");
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    ServiceConfig.class.getClassLoader());
            return loader.loadClass(pkg + "." + simple);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isMapping(Path source) {
        try {
            return Files.readString(source).contains("@ConfigMapping(");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(Class<?> type, String prefix, String mapEntry, List<Leaf> leaves) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String path = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> raw = method.getReturnType();
            Type generic = method.getGenericReturnType();
            if (raw == Map.class) {
                Type value = ((ParameterizedType) generic).getActualTypeArguments()[1];
                if (value instanceof Class<?> valueType && isGroup(valueType)) {
                    walk(valueType, path + ".*", path + ".*", leaves);
                } else {
                    leaves.add(new Leaf(path + ".*", false, path + ".*"));
                }
            } else if (raw == Optional.class) {
                leaves.add(new Leaf(path, false, mapEntry));
            } else if (isGroup(raw)) {
                walk(raw, path, mapEntry, leaves);
            } else {
                leaves.add(new Leaf(path, method.getAnnotation(WithDefault.class) == null, mapEntry));
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
