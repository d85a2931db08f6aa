package io.cohost.kernel.container;

import io.cohost.kernel.config.AppDescriptor;
import io.cohost.kernel.config.EnvEntryValue;
import io.cohost.kernel.config.LoginRealm;
import io.cohost.kernel.config.ResourceDefinition;
import java.util.Map;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.LinkRef;
import javax.naming.NamingException;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.AbstractConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.webapp.WebInfConfiguration;
import org.eclipse.jetty.jndi.ContextFactory;
import org.eclipse.jetty.plus.jndi.EnvEntry;
import org.eclipse.jetty.plus.jndi.NamingEntryUtil;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.util.jndi.NamingUtil;

/**
 * Applies the container parts of an app's descriptor inside Jetty's start sequence:
 *
 * <ul>
 *   <li>JNDI env entries and resources are bound in the app's own scope after its class path is set up
 *       (so resource classes may come from {@code WEB-INF/lib}) and before {@link EnvConfiguration}
 *       binds {@code java:comp/env} and applies the WAR's {@code jetty-env.xml}, which may still override
 *       them, as in Jetty. The user transaction is bound at {@code java:comp/UserTransaction}.</li>
 *   <li>The login realm the WAR's {@code <login-config>} names is given to its security handler.</li>
 *   <li>Pages compiled by the JSP servlet go through the tenant's transformation pipeline
 *       ({@link TransformingJspCompiler}).</li>
 * </ul>
 *
 * Everything bound in the app's scope is destroyed when it stops, so no naming entry keeps the app's
 * objects (and its class loader) alive.
 */
final class DescriptorConfiguration extends AbstractConfiguration implements MetaDataResolvedHook {
    private static final String USER_TRANSACTION = "UserTransaction";

    private final String tenant;
    private final AppDescriptor descriptor;

    DescriptorConfiguration(String tenant, AppDescriptor descriptor) {
        super(new Builder().addDependencies(WebInfConfiguration.class).addDependents(EnvConfiguration.class));
        this.tenant = tenant;
        this.descriptor = descriptor;
    }

    @Override
    public void configure(WebAppContext context) throws Exception {
        ClassLoader loader = context.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            for (Map.Entry<String, EnvEntryValue> e : descriptor.jndi().env().entrySet()) {
                new EnvEntry(context, e.getKey(), e.getValue().typedValue(), e.getValue().overrideWebXml());
            }
            ResourceFactory factory = new ResourceFactory(tenant, loader);
            for (Map.Entry<String, ResourceDefinition> r : descriptor.jndi().resources().entrySet()) {
                new Resource(context, r.getKey(), factory.create("jndi.resources." + r.getKey(), r.getValue()));
            }
            if (descriptor.jndi().userTransaction().isPresent()) {
                Resource tx = new Resource(context, USER_TRANSACTION,
                        factory.create("jndi.userTransaction", descriptor.jndi().userTransaction().get()));
                bindInComp(loader, USER_TRANSACTION, new LinkRef(tx.getJndiNameInScope()));
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void metaDataResolved(WebAppContext context) {
        useRealm(context);
        ServletHolder jsp = context.getServletHandler().getServlet("jsp");
        if (jsp != null && jsp.getInitParameter("compilerClassName") == null) {
            jsp.setInitParameter("compilerClassName", TransformingJspCompiler.class.getName());
        }
    }

    private void useRealm(WebAppContext context) {
        SecurityHandler security = context.getSecurityHandler();
        if (security == null || security.getLoginService() != null) {
            return;
        }
        String wanted = security.getRealmName();
        if (descriptor.realms().isEmpty()) {
            if (security.getAuthenticator() != null || security.getAuthenticationType() != null) {
                throw new IllegalStateException("app '" + tenant + "': its <login-config> authenticates against realm '" + wanted
                        + "', which its descriptor does not define; add realms.'" + wanted + "' with its users to the app's descriptor");
            }
            return;
        }
        LoginRealm chosen = null;
        for (LoginRealm realm : descriptor.realms()) {
            if (realm.name().equals(wanted) || (wanted == null && descriptor.realms().size() == 1)) {
                chosen = realm;
            }
        }
        if (chosen == null && wanted != null) {
            throw new IllegalStateException("app '" + tenant + "': its <login-config> names realm '" + wanted
                    + "' but the descriptor defines only " + descriptor.realms().stream().map(LoginRealm::name).toList()
                    + "; add realms.'" + wanted + "' to the app's descriptor");
        }
        if (chosen != null) {
            LoginService service = RealmLoginService.of(chosen);
            security.setLoginService(service);
        }
    }

    @Override
    public void deconfigure(WebAppContext context) throws Exception {
        ClassLoader loader = context.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        ContextFactory.associateClassLoader(loader);
        try {
            if (descriptor.jndi().userTransaction().isPresent()) {
                Context comp = (Context) new InitialContext().lookup("java:comp");
                NamingUtil.unbind(comp, USER_TRANSACTION, false);
            }
        } catch (NamingException e) {
            // already gone with java:comp
        } finally {
            ContextFactory.disassociateClassLoader();
            thread.setContextClassLoader(previous);
        }
        try {
            NamingEntryUtil.destroyContextForScope(context);
        } catch (NamingException e) {
            // nothing was bound in the app's scope
        }
    }

    private static void bindInComp(ClassLoader loader, String name, Object value) throws NamingException {
        ContextFactory.associateClassLoader(loader);
        try {
            Context comp = (Context) new InitialContext().lookup("java:comp");
            NamingUtil.bind(comp, name, value);
        } finally {
            ContextFactory.disassociateClassLoader();
        }
    }
}
