package io.cohost.isolation.globals;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's view of the platform MBean server. MBeans it registers get the key property
 * {@value #KEY}{@code =NAME} and {@value #INSTANCE_KEY}{@code =N} added to their name in the real server, so
 * two tenants (or two versions of one, during a redeploy) registering the same fixed {@code ObjectName}
 * do not collide; the tenant sees its own names unchanged, sees the JVM's own
 * MBeans ({@code java.lang:*}...) but not other tenants', and everything it registered is unregistered
 * when it stops ({@link #unregisterAll()}).
 */
public final class TenantMBeanServer {
    private static final Logger LOG = LoggerFactory.getLogger(TenantMBeanServer.class);
    public static final String KEY = "cohostTenant";
    /** Tells two running versions of one app apart: a redeploy starts the new one beside the old one. */
    public static final String INSTANCE_KEY = "cohostInstance";
    private static final java.util.concurrent.atomic.AtomicLong INSTANCES = new java.util.concurrent.atomic.AtomicLong();

    private final String tenant;
    private final String instance = Long.toString(INSTANCES.incrementAndGet());
    private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();
    private volatile MBeanServer view;

    TenantMBeanServer(String tenant) {
        this.tenant = tenant;
    }

    /** The {@link MBeanServer} tenant code gets from {@code ManagementFactory.getPlatformMBeanServer()}. */
    public MBeanServer view() {
        MBeanServer v = view;
        if (v == null) {
            MBeanServer real = ManagementFactory.getPlatformMBeanServer();
            v = (MBeanServer) Proxy.newProxyInstance(MBeanServer.class.getClassLoader(), new Class<?>[] {MBeanServer.class},
                    (proxy, method, args) -> invoke(real, method, args));
            view = v;
        }
        return v;
    }

    /** Names of the tenant's MBeans in the real server. */
    public Set<ObjectName> registeredNames() {
        return Set.copyOf(registered);
    }

    public void unregisterAll() {
        MBeanServer real = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                real.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // already gone
            } catch (Exception e) {
                LOG.warn("tenant '{}': cannot unregister MBean {}", tenant, name, e);
            }
        }
        registered.clear();
    }

    private Object invoke(MBeanServer real, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        boolean registering = name.equals("registerMBean") || name.equals("createMBean");
        Object[] mapped = args == null ? null : args.clone();
        if (mapped != null) {
            for (int i = 0; i < mapped.length; i++) {
                if (mapped[i] instanceof ObjectName on) {
                    mapped[i] = registering || name.equals("unregisterMBean") ? toReal(on)
                            : name.startsWith("query") ? toRealPattern(on) : resolve(on);
                }
            }
        }
        Object result;
        try {
            result = method.invoke(real, mapped);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (registering && result instanceof ObjectInstance oi) {
            registered.add(oi.getObjectName());
        } else if (name.equals("unregisterMBean") && mapped != null) {
            registered.remove((ObjectName) mapped[0]);
        }
        return fromReal(result);
    }

    /** A name the tenant registered maps to its tagged real name; any other (the JVM's own) stays as it is. */
    private ObjectName resolve(ObjectName name) throws MalformedObjectNameException {
        ObjectName tagged = toReal(name);
        return registered.contains(tagged) ? tagged : name;
    }

    private ObjectName toReal(ObjectName name) throws MalformedObjectNameException {
        if (name == null || name.isPattern()) {
            return name;
        }
        Hashtable<String, String> keys = new Hashtable<>(name.getKeyPropertyList());
        keys.put(KEY, ObjectName.quote(tenant));
        keys.put(INSTANCE_KEY, instance);
        return new ObjectName(name.getDomain(), keys);
    }

    private ObjectName toRealPattern(ObjectName pattern) {
        return pattern;
    }

    private Object fromReal(Object result) throws MalformedObjectNameException {
        if (result instanceof ObjectName on) {
            return toTenant(on);
        }
        if (result instanceof ObjectInstance oi) {
            ObjectName n = toTenant(oi.getObjectName());
            return n == null ? null : new ObjectInstance(n, oi.getClassName());
        }
        if (result instanceof Set<?> set) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object o : set) {
                Object mapped = fromReal(o);
                if (mapped != null) {
                    out.add(mapped);
                }
            }
            return out;
        }
        return result;
    }

    /** The tenant's own names lose the tag; other tenants' names are hidden (null). */
    private ObjectName toTenant(ObjectName name) throws MalformedObjectNameException {
        String owner = name.getKeyProperty(KEY);
        if (owner == null) {
            return name;
        }
        if (!owner.equals(ObjectName.quote(tenant)) || !instance.equals(name.getKeyProperty(INSTANCE_KEY))) {
            return null;
        }
        Hashtable<String, String> keys = new Hashtable<>(name.getKeyPropertyList());
        keys.remove(KEY);
        keys.remove(INSTANCE_KEY);
        return new ObjectName(name.getDomain(), keys);
    }
}
