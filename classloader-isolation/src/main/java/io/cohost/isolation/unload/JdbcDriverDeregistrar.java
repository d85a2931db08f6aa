package io.cohost.isolation.unload;

import java.lang.reflect.Field;

import java.sql.Driver;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the JDBC drivers a tenant registered with {@link DriverManager}, which would otherwise hold
 * its class loader for the life of the JVM. {@code DriverManager} only lets a driver's own class loader
 * deregister it, so the registry's list is edited directly.
 *
 * <p>Needs {@code --add-opens java.sql/java.sql}; without it the drivers are reported, not removed.
 */
public final class JdbcDriverDeregistrar {
    private JdbcDriverDeregistrar() {}

    public static List<String> deregister(ClassLoader tenantLoader) {
        List<String> notes = new ArrayList<>();
        try {
            Field f = DriverManager.class.getDeclaredField("registeredDrivers");
            f.setAccessible(true);
            List<?> infos = (List<?>) f.get(null);
            for (Object info : List.copyOf(infos)) {
                Field driverField = info.getClass().getDeclaredField("driver");
                driverField.setAccessible(true);
                Driver driver = (Driver) driverField.get(info);
                if (ThreadLocalSweeper.loadedBy(driver, tenantLoader)) {
                    infos.remove(info);
                    notes.add("deregistered JDBC driver " + driver.getClass().getName());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            notes.add("JDBC drivers could not be checked (start the host with --add-opens java.sql/java.sql=ALL-UNNAMED): " + e);
        }
        return notes;
    }

    /** Drivers of this tenant still registered; empty after {@link #deregister}. */
}
