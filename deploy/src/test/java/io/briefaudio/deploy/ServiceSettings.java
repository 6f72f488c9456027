package io.briefaudio.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads from its configuration: the prod-profile values of its application.properties,
 * and the names of the properties it reads, to tell whether an environment variable reaches it.
 */
final class ServiceSettings {

    /** Read by the S3 storage provider through the AWS SDK's own variables or ${…} expressions, not property names. */
    static final Set<String> AWS_VARIABLES = Set.of(
            "AWS_S3_BUCKET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_ENDPOINT_URL",
            "AWS_S3_FORCE_PATH_STYLE");

    /** Standard Quarkus runtime properties the services use, set or not in application.properties. */
    private static final Set<String> STANDARD_QUARKUS = Set.of(
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.http.port", "quarkus.management.port", "quarkus.log.level", "quarkus.shutdown.timeout",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    /** Fixed when the jar is built: setting them in a container's environment changes nothing. */
    private static final List<String> BUILD_TIME_PREFIXES = List.of(
            "quarkus.container-image.", "quarkus.jib.", "quarkus.arc.", "quarkus.datasource.db-kind");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    /** Read by each image's entrypoint (src/main/docker/Dockerfile.jvm), not by the application. */
    static final ServiceSettings API = new ServiceSettings("api-service", Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND"),
            "shared-model");
    static final ServiceSettings WORKER = new ServiceSettings("tts-worker", Set.of("JAVA_OPTS"), "shared-model");

    private final String module;
    private final Set<String> imageVariables;
    private final Map<String, String> properties;
    private final Set<String> propertyNames = new TreeSet<>();

    private ServiceSettings(String module, Set<String> imageVariables, String... libraries) {
        this.module = module;
        this.imageVariables = imageVariables;
        this.properties = prodProperties(Manifests.ROOT.resolve(module).resolve("src/main/resources/application.properties"));
        properties.keySet().stream().filter(k -> k.startsWith("quarkus.")).forEach(propertyNames::add);
        propertyNames.addAll(STANDARD_QUARKUS);
        propertyNames.removeIf(name -> BUILD_TIME_PREFIXES.stream().anyMatch(name::startsWith));
        for (String source : Stream.concat(Stream.of(module), Stream.of(libraries)).toList()) {
            configMappings(Manifests.ROOT.resolve(source).resolve("src/main/java"))
                    .forEach(type -> collect(type, type.getAnnotation(ConfigMapping.class).prefix(), propertyNames));
        }
    }

    String module() {
        return module;
    }

    Set<String> propertyNames() {
        return propertyNames;
    }

    /** The value this service runs with: the container's variable if set, else application.properties. */
    Optional<String> value(String property, Map<String, String> environment) {
        String fromEnv = environment.get(envName(property));
        return Optional.ofNullable(fromEnv != null ? fromEnv : properties.get(property));
    }

    /** The port /q/health is served on: the management port when the management interface is on. */
    int healthPort(Map<String, String> environment) {
        boolean management = Boolean.parseBoolean(value("quarkus.management.enabled", environment).orElse("false"));
        return management
                ? Integer.parseInt(value("quarkus.management.port", environment).orElse("9000"))
                : Integer.parseInt(value("quarkus.http.port", environment).orElse("8080"));
    }

    String healthRoot(Map<String, String> environment) {
        String root = value("quarkus.http.non-application-root-path", environment).orElse("q");
        return "/" + root.replaceAll("^/+|/+$", "") + "/health";
    }

    /**
     * Whether an environment variable reaches this service: it maps to a property it reads (MicroProfile
     * Config rules), is one of the S3 storage's AWS variables, or is read by the image's entrypoint.
     */
    boolean reads(String variable) {
        if (AWS_VARIABLES.contains(variable) || imageVariables.contains(variable)) {
            return true;
        }
        for (String name : propertyNames) {
            if (name.endsWith(".*") ? variable.startsWith(envName(name.substring(0, name.length() - 1)))
                                    : variable.equals(envName(name))) {
                return true;
            }
        }
        return false;
    }

    /** MicroProfile Config: every character that is not a letter or digit becomes '_', then upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A Quarkus duration: ISO-8601 (PT30S), a number with a unit (500ms, 30s, 5m, 1h, 2d), or seconds. */
    static Duration duration(String value) {
        String v = value.trim();
        if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Map<String, String> prodProperties(Path file) {
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        Map<String, String> values = new HashMap<>();
        raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> values.put(k, raw.getProperty(k)));
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%prod."))
                .forEach(k -> values.put(k.substring("%prod.".length()), raw.getProperty(k)));
        return values;
    }

    /** The @ConfigMapping interfaces among a module's sources, loaded from the test classpath. */
    private static List<Class<?>> configMappings(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(ServiceSettings::declaresConfigMapping)
                    .map(ServiceSettings::load).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + sources, e);
        }
    }

    private static boolean declaresConfigMapping(Path file) {
        try {
            return Files.readString(file).contains("@ConfigMapping(");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static Class<?> load(Path file) {
        try {
            Matcher pkg = PACKAGE.matcher(Files.readString(file));
            String simple = file.getFileName().toString().replace(".java", "");
            return Class.forName((pkg.find() ? pkg.group(1) + "." : "") + simple, false,
                    ServiceSettings.class.getClassLoader());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot load the @ConfigMapping of " + file, e);
        }
    }

    /** Property names of a mapping, SmallRye's default naming: method names in kebab case. */
    private static void collect(Class<?> type, String prefix, Set<String> names) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = method.isAnnotationPresent(WithName.class)
                    ? method.getAnnotation(WithName.class).value() : kebab(method.getName());
            String path = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
            Class<?> valueType = method.getReturnType();
            if (valueType == Optional.class && method.getGenericReturnType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> inner) {
                valueType = inner;
            }
            if (Map.class.isAssignableFrom(valueType)) {
                names.add(path + ".*");
            } else if (valueType.isInterface() && !valueType.getName().startsWith("java.")) {
                collect(valueType, path, names);
            } else {
                names.add(path);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
