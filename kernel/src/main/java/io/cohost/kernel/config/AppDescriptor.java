package io.cohost.kernel.config;

import io.cohost.kernel.management.AccessPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything an app needs from its host beyond its WAR. Written as YAML (or JSON), either by the
 * operator at deploy time or by the app's authors in {@code WEB-INF/cohost.yaml} as defaults; the
 * operator's values win (see {@link #overriddenBy}). Example:
 *
 * <pre>{@code
 * contextPath: /shop
 * systemProperties:            # this app's own System.getProperty view
 *   shop.mode: production
 * realms:                      # login realms for BASIC/FORM/DIGEST <login-config>
 *   Shop Realm:
 *     users:
 *       alice: { password: "MD5:5f4dcc3b5aa765d61d8327deb882cf99", roles: [admin, user] }
 * jndi:
 *   env:                       # java:comp/env entries
 *     maxAmount: { type: java.lang.Double, value: "100" }
 *     greeting: hello          # short form: a java.lang.String
 *   resources:                 # objects created by the host, bound in the app's scope
 *     jdbc/shop: { class: org.h2.jdbcx.JdbcDataSource, properties: { url: "jdbc:h2:mem:shop" } }
 *   userTransaction: { class: com.example.tx.SimpleUserTransaction }
 * excludeInitializers:         # ServletContainerInitializers not to run (class names, or a package with .*)
 *   - org.apache.catalina.startup.OldInitializer
 * quota: { cpu: 250m, memory: 256Mi }        # a WAR may propose its own quotas (not 'unlimited');
 *                                             # the operator's values, live or at deploy, win
 * # operator only (ignored in WEB-INF/cohost.yaml):
 * hostPackages: [org.eclipse.jetty.util.]     # host packages the app may see: the audited exception
 * classPath: [/opt/cohost/lib/shop-drivers.jar] # extra jars or folders on the app's class path
 * nativeLibraries: false                      # System.load/loadLibrary allowed
 * access:                                     # what the app may use beyond its own files (see AccessPolicy)
 *   paths: { /srv/shared/catalog: read }      #   extra paths, read or read-write
 *   network: [ "db.internal:5432" ]           #   outbound destinations (default: anywhere)
 *   processes: false                          #   ProcessBuilder / Runtime.exec (default: refused)
 * }</pre>
 *
 * @param contextPath          where the app is served; empty means the deploy request's, or {@code /NAME}
 * @param realms               login realms, by name
 * @param jndi                 JNDI entries and resources
 * @param hostPackages         package prefixes (ending in '.') of the host the app may see
 * @param excludeInitializers  class names (or {@code package.*}) of ServletContainerInitializers not to run
 * @param systemProperties     the app's own system properties, on top of the host's
 * @param nativeLibraries      whether the app may load native libraries (default false)
 * @param classPath            absolute paths of jars or class folders added to the app's class path
 * @param quota                resource quotas, opaque here (validated by the resource governor)
 * @param access               files, network destinations and processes beyond the app's own files; empty keeps
 *                             what the app has (the defaults for a new app)
 */
public record AppDescriptor(Optional<String> contextPath, List<LoginRealm> realms, JndiDefinitions jndi,
        List<String> hostPackages, List<String> excludeInitializers, Map<String, String> systemProperties,
        boolean nativeLibraries, List<String> classPath, Map<String, String> quota, Optional<AccessPolicy> access) {

    /** Fields only the operator may set: they widen what the app may do or use on the host. */
    public static final List<String> OPERATOR_ONLY = List.of("hostPackages", "classPath", "nativeLibraries", "quota: unlimited", "access");

    public AppDescriptor {
        Objects.requireNonNull(contextPath, "contextPath");
        Objects.requireNonNull(jndi, "jndi");
        realms = List.copyOf(realms);
        hostPackages = List.copyOf(hostPackages);
        excludeInitializers = List.copyOf(excludeInitializers);
        systemProperties = Collections.unmodifiableMap(new TreeMap<>(systemProperties));
        classPath = List.copyOf(classPath);
        quota = Collections.unmodifiableMap(new LinkedHashMap<>(quota));
        Objects.requireNonNull(access, "access");
    }

    public static AppDescriptor empty() {
        return new AppDescriptor(Optional.empty(), List.of(), JndiDefinitions.none(), List.of(), List.of(), Map.of(),
                false, List.of(), Map.of(), Optional.empty());
    }

    /**
     * These values as defaults, with {@code operator}'s on top: a scalar or list the operator sets
     * replaces this one; maps (system properties, realms, JNDI names, quota) are merged key by key,
     * the operator's value winning.
     */
    public AppDescriptor overriddenBy(AppDescriptor operator) {
        Map<String, LoginRealm> realmsByName = new LinkedHashMap<>();
        realms.forEach(r -> realmsByName.put(r.name(), r));
        operator.realms.forEach(r -> realmsByName.put(r.name(), r));
        Map<String, String> props = new TreeMap<>(systemProperties);
        props.putAll(operator.systemProperties);
        Map<String, String> q = new LinkedHashMap<>(quota);
        q.putAll(operator.quota);
        return new AppDescriptor(operator.contextPath.or(() -> contextPath), new ArrayList<>(realmsByName.values()),
                operator.jndi.over(jndi),
                operator.hostPackages.isEmpty() ? hostPackages : operator.hostPackages,
                operator.excludeInitializers.isEmpty() ? excludeInitializers : operator.excludeInitializers,
                props, operator.nativeLibraries || nativeLibraries,
                operator.classPath.isEmpty() ? classPath : operator.classPath, q, operator.access.or(() -> access));
    }

    /** This descriptor without the {@link #OPERATOR_ONLY} fields: what a WAR may say about itself. */
    public AppDescriptor withoutOperatorOnlyFields() {
        Map<String, String> limited = new LinkedHashMap<>(quota);
        limited.values().removeIf(v -> v.trim().equalsIgnoreCase("unlimited"));
        return new AppDescriptor(contextPath, realms, jndi, List.of(), excludeInitializers, systemProperties, false,
                List.of(), limited, Optional.empty());
    }

    /** This descriptor with the app's access policy in force (set at deploy or changed live since). */
    public AppDescriptor withAccess(AccessPolicy policy) {
        return new AppDescriptor(contextPath, realms, jndi, hostPackages, excludeInitializers, systemProperties, nativeLibraries,
                classPath, quota, Optional.of(policy));
    }

    /** The {@link #OPERATOR_ONLY} fields this descriptor sets. */
    public List<String> operatorOnlyFieldsSet() {
        List<String> set = new ArrayList<>();
        if (!hostPackages.isEmpty()) {
            set.add("hostPackages");
        }
        if (!classPath.isEmpty()) {
            set.add("classPath");
        }
        if (nativeLibraries) {
            set.add("nativeLibraries");
        }
        if (quota.values().stream().anyMatch(v -> v.trim().equalsIgnoreCase("unlimited"))) {
            set.add("quota: unlimited");
        }
        if (access.isPresent()) {
            set.add("access");
        }
        return set;
    }
}
