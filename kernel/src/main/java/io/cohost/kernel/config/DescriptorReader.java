package io.cohost.kernel.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cohost.kernel.management.AccessPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@link AppDescriptor} from YAML or JSON text (JSON is read as YAML) and checks every field,
 * so a bad descriptor fails the deploy with the field, the problem and the accepted forms
 * ({@link InvalidDescriptorException}) instead of failing later inside the app.
 */
public final class DescriptorReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("contextPath", "realms", "jndi", "hostPackages", "excludeInitializers",
            "systemProperties", "nativeLibraries", "classPath", "quota", "access");
    private static final Pattern CONTEXT_PATH = Pattern.compile("/[A-Za-z0-9._~-]+|/");
    private static final Pattern JAVA_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
    private static final Pattern MD5 = Pattern.compile("MD5:[0-9a-fA-F]{32}");
    private static final Pattern DIGEST = Pattern.compile("MD:[A-Za-z0-9-]+:[0-9a-fA-F]+");

    private DescriptorReader() {}

    /** Reads a descriptor; empty or blank text is the empty descriptor. */
    public static AppDescriptor read(String text) {
        if (text == null || text.isBlank()) {
            return AppDescriptor.empty();
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidDescriptorException("(document)", "not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()),
                    "a YAML or JSON object with the fields " + new java.util.TreeSet<>(FIELDS));
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return AppDescriptor.empty();
        }
        requireObject(root, "(document)", "a YAML or JSON object with the fields " + new java.util.TreeSet<>(FIELDS));
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidDescriptorException(name, "unknown field", "the fields " + new java.util.TreeSet<>(FIELDS));
            }
        }
        return new AppDescriptor(contextPath(root.get("contextPath")), realms(root.get("realms")), jndi(root.get("jndi")),
                hostPackages(root.get("hostPackages")), initializers(root.get("excludeInitializers")),
                stringMap(root.get("systemProperties"), "systemProperties", "a map of property name to value, e.g. {app.mode: production}"),
                bool(root.get("nativeLibraries"), "nativeLibraries"), classPath(root.get("classPath")),
                stringMap(root.get("quota"), "quota", "a map of quota name to value, e.g. {cpu: 250m, heap: 256Mi}"),
                access(root.get("access")));
    }

    private static Optional<AccessPolicy> access(JsonNode node) {
        String accepted = "{paths: {ABSOLUTE_PATH: read|read-write}, network: [HOST:PORT, ...], processes: true|false}";
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        requireObject(node, "access", accepted);
        onlyFields(node, "access", Set.of("paths", "network", "processes"));
        Map<String, String> paths = stringMap(node.get("paths"), "access.paths", "a map of absolute path to read or read-write");
        JsonNode network = node.get("network");
        List<String> destinations = network == null || network.isNull() ? AccessPolicy.ANYWHERE
                : strings(network, "access.network", "a list of HOST:PORT patterns, e.g. [db.internal:5432, '*.example.com:443']");
        try {
            return Optional.of(new AccessPolicy(paths, destinations, bool(node.get("processes"), "access.processes")));
        } catch (IllegalArgumentException e) {
            throw new InvalidDescriptorException("access", e.getMessage(), accepted);
        }
    }

    private static Optional<String> contextPath(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String path = text(node, "contextPath", "'/' or a single segment such as '/shop'");
        if (!CONTEXT_PATH.matcher(path).matches()) {
            throw new InvalidDescriptorException("contextPath", "'" + path + "' is not a context path",
                    "'/' or a single segment of letters, digits and . _ ~ - such as '/shop'");
        }
        return Optional.of(path);
    }

    private static List<LoginRealm> realms(JsonNode node) {
        String accepted = "a map of realm name to {users: {NAME: {password: ..., roles: [...]}}}";
        List<LoginRealm> realms = new ArrayList<>();
        if (node == null || node.isNull()) {
            return realms;
        }
        requireObject(node, "realms", accepted);
        for (Map.Entry<String, JsonNode> realm : entries(node)) {
            String field = "realms." + realm.getKey();
            requireObject(realm.getValue(), field, accepted);
            onlyFields(realm.getValue(), field, Set.of("users"));
            JsonNode users = realm.getValue().get("users");
            Map<String, RealmUser> byName = new LinkedHashMap<>();
            if (users != null && !users.isNull()) {
                requireObject(users, field + ".users", "a map of user name to {password: ..., roles: [...]}");
                for (Map.Entry<String, JsonNode> user : entries(users)) {
                    byName.put(user.getKey(), user(user.getValue(), field + ".users." + user.getKey()));
                }
            }
            realms.add(new LoginRealm(realm.getKey(), byName));
        }
        return realms;
    }

    private static RealmUser user(JsonNode node, String field) {
        requireObject(node, field, "{password: ..., roles: [...]}");
        onlyFields(node, field, Set.of("password", "roles"));
        String passwordForms = "'MD5:' followed by 32 hex digits, 'CRYPT:' followed by a unix crypt hash, "
                + "'MD:ALGORITHM:' followed by hex digits, 'OBF:' obfuscated, or a plain-text password";
        JsonNode p = node.get("password");
        if (p == null || p.isNull()) {
            throw new InvalidDescriptorException(field + ".password", "missing", passwordForms);
        }
        String password = text(p, field + ".password", passwordForms);
        if (password.isEmpty() || (password.startsWith("MD5:") && !MD5.matcher(password).matches())
                || (password.startsWith("CRYPT:") && password.length() < "CRYPT:".length() + 2)
                || (password.startsWith("MD:") && !DIGEST.matcher(password).matches())) {
            throw new InvalidDescriptorException(field + ".password", "malformed credential", passwordForms);
        }
        return new RealmUser(password, strings(node.get("roles"), field + ".roles", "a list of role names, e.g. [admin, user]"));
    }

    private static JndiDefinitions jndi(JsonNode node) {
        if (node == null || node.isNull()) {
            return JndiDefinitions.none();
        }
        requireObject(node, "jndi", "{env: {...}, resources: {...}, userTransaction: {...}}");
        onlyFields(node, "jndi", Set.of("env", "resources", "userTransaction"));
        Map<String, EnvEntryValue> env = new LinkedHashMap<>();
        JsonNode e = node.get("env");
        if (e != null && !e.isNull()) {
            requireObject(e, "jndi.env", "a map of name to a string, or to {type: java.lang.Double, value: \"1.5\"}");
            for (Map.Entry<String, JsonNode> entry : entries(e)) {
                env.put(entry.getKey(), envEntry(entry.getValue(), "jndi.env." + entry.getKey()));
            }
        }
        Map<String, ResourceDefinition> resources = new LinkedHashMap<>();
        JsonNode r = node.get("resources");
        if (r != null && !r.isNull()) {
            requireObject(r, "jndi.resources", "a map of JNDI name to {class: ..., properties: {...}}");
            for (Map.Entry<String, JsonNode> entry : entries(r)) {
                resources.put(entry.getKey(), resource(entry.getValue(), "jndi.resources." + entry.getKey()));
            }
        }
        JsonNode tx = node.get("userTransaction");
        Optional<ResourceDefinition> userTransaction = tx == null || tx.isNull() ? Optional.empty()
                : Optional.of(resource(tx, "jndi.userTransaction"));
        return new JndiDefinitions(env, resources, userTransaction);
    }

    private static EnvEntryValue envEntry(JsonNode node, String field) {
        String accepted = "a string, or {type: one of " + EnvEntryValue.TYPES + ", value: ..., overrideWebXml: true|false}";
        if (node.isValueNode() && !node.isNull()) {
            return new EnvEntryValue("java.lang.String", node.asText(), true);
        }
        requireObject(node, field, accepted);
        onlyFields(node, field, Set.of("type", "value", "overrideWebXml"));
        String type = node.hasNonNull("type") ? text(node.get("type"), field + ".type", accepted) : "java.lang.String";
        if (!EnvEntryValue.TYPES.contains(type)) {
            throw new InvalidDescriptorException(field + ".type", "'" + type + "' is not an env-entry type", "one of " + EnvEntryValue.TYPES);
        }
        JsonNode v = node.get("value");
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new InvalidDescriptorException(field + ".value", "missing", "a value of type " + type);
        }
        EnvEntryValue value = new EnvEntryValue(type, v.asText(), !node.has("overrideWebXml") || bool(node.get("overrideWebXml"), field + ".overrideWebXml"));
        try {
            value.typedValue();
        } catch (IllegalArgumentException ex) {
            throw new InvalidDescriptorException(field + ".value", ex.getMessage(), "a value of type " + type);
        }
        return value;
    }

    private static ResourceDefinition resource(JsonNode node, String field) {
        String accepted = "{class: fully.qualified.ClassName, properties: {name: value}}";
        requireObject(node, field, accepted);
        onlyFields(node, field, Set.of("class", "properties"));
        JsonNode c = node.get("class");
        if (c == null || c.isNull()) {
            throw new InvalidDescriptorException(field + ".class", "missing", "a fully qualified class name, e.g. org.h2.jdbcx.JdbcDataSource");
        }
        String className = text(c, field + ".class", "a fully qualified class name");
        if (!JAVA_NAME.matcher(className).matches()) {
            throw new InvalidDescriptorException(field + ".class", "'" + className + "' is not a class name",
                    "a fully qualified class name, e.g. org.h2.jdbcx.JdbcDataSource");
        }
        return new ResourceDefinition(className, stringMap(node.get("properties"), field + ".properties",
                "a map of JavaBean property name to value, e.g. {url: \"jdbc:h2:mem:x\", user: sa}"));
    }

    private static List<String> hostPackages(JsonNode node) {
        String accepted = "a list of package prefixes ending in '.', e.g. [org.eclipse.jetty.util.]";
        List<String> packages = strings(node, "hostPackages", accepted);
        for (String p : packages) {
            if (!p.endsWith(".") || !JAVA_NAME.matcher(p.substring(0, p.length() - 1)).matches()) {
                throw new InvalidDescriptorException("hostPackages", "'" + p + "' is not a package prefix", accepted);
            }
        }
        return packages;
    }

    private static List<String> initializers(JsonNode node) {
        String accepted = "a list of ServletContainerInitializer class names, or packages written as 'com.example.*'";
        List<String> names = strings(node, "excludeInitializers", accepted);
        for (String n : names) {
            String name = n.endsWith(".*") ? n.substring(0, n.length() - 2) : n;
            if (!JAVA_NAME.matcher(name).matches()) {
                throw new InvalidDescriptorException("excludeInitializers", "'" + n + "' is not a class or package name", accepted);
            }
        }
        return names;
    }

    private static List<String> classPath(JsonNode node) {
        String accepted = "a list of absolute paths of jars or class folders on the host, e.g. [/opt/cohost/lib/driver.jar]";
        List<String> paths = strings(node, "classPath", accepted);
        for (String p : paths) {
            if (!java.nio.file.Path.of(p).isAbsolute()) {
                throw new InvalidDescriptorException("classPath", "'" + p + "' is not an absolute path", accepted);
            }
        }
        return paths;
    }

    private static Map<String, String> stringMap(JsonNode node, String field, String accepted) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        requireObject(node, field, accepted);
        for (Map.Entry<String, JsonNode> e : entries(node)) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new InvalidDescriptorException(field + "." + e.getKey(), "must be a single value", accepted);
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    private static List<String> strings(JsonNode node, String field, String accepted) {
        List<String> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!node.isArray()) {
            throw new InvalidDescriptorException(field, "must be a list", accepted);
        }
        for (JsonNode item : node) {
            if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                throw new InvalidDescriptorException(field, "has an item that is not a name: " + item, accepted);
            }
            list.add(item.asText().trim());
        }
        return list;
    }

    private static boolean bool(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw new InvalidDescriptorException(field, "'" + node.asText() + "' is not a boolean", "true or false");
    }

    private static String text(JsonNode node, String field, String accepted) {
        if (!node.isValueNode() || node.isNull()) {
            throw new InvalidDescriptorException(field, "must be a single value", accepted);
        }
        return node.asText().trim();
    }

    private static void requireObject(JsonNode node, String field, String accepted) {
        if (node == null || !node.isObject()) {
            throw new InvalidDescriptorException(field, "must be a map", accepted);
        }
    }

    private static void onlyFields(JsonNode node, String field, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidDescriptorException(field + "." + name, "unknown field", "the fields " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        node.fields().forEachRemaining(list::add);
        return list;
    }
}
