package io.cohost.kernel.container;

import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.DefaultsDescriptor;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.webapp.WebDescriptor;
import org.eclipse.jetty.ee10.webapp.WebXmlConfiguration;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlParser;

/**
 * Jetty's {@link WebXmlConfiguration}, except that Jetty's own {@code webdefault-ee10.xml}, which every
 * app starts from, is parsed once per host and its parsed tree shared, read-only, by every app, instead
 * of being parsed again (about a quarter of a small app's deploy) and kept once per app. An app whose
 * descriptor names other defaults gets them parsed as Jetty does; {@code web.xml} and override
 * descriptors are always the app's own. The parser the app reads them with is lent for its start
 * ({@link DescriptorParsers}).
 */
public final class SharedDefaultsWebXmlConfiguration extends WebXmlConfiguration {

    @Override
    public Class<? extends Configuration> replaces() {
        return WebXmlConfiguration.class;
    }

    @Override
    public void preConfigure(WebAppContext context) throws Exception {
        DescriptorParsers.lend(context.getMetaData());
        String defaults = context.getDefaultsDescriptor();
        if (!WebAppContext.WEB_DEFAULTS_XML.equals(defaults)) {
            super.preConfigure(context);
            return;
        }
        context.getMetaData().setDefaultsDescriptor(WebDefaults.copy());
        // Jetty's preConfigure reads the defaults only when the context names some; it is told there are
        // none for the rest of it (web.xml and overrides), then given its setting back.
        context.setDefaultsDescriptor(null);
        try {
            super.preConfigure(context);
        } finally {
            context.setDefaultsDescriptor(defaults);
        }
    }

    /** Runs once the app has started, after every descriptor and fragment was read. */
    @Override
    public void postConfigure(WebAppContext context) throws Exception {
        super.postConfigure(context);
        DescriptorParsers.takeBack(context.getMetaData());
    }

    /** The parsed {@code webdefault-ee10.xml}, read once; each app gets a descriptor over the same tree. */
    private static final class WebDefaults extends DefaultsDescriptor {
        /** Never closed: the shared descriptor's resource must stay readable while the host runs. */
        private static final ResourceFactory.Closeable RESOURCES = ResourceFactory.closeable();
        private static final WebDefaults PARSED = parseOnce();

        private WebDefaults(Resource xml) {
            super(xml);
        }

        static DefaultsDescriptor copy() {
            WebDefaults d = new WebDefaults(PARSED.getResource());
            d._root = PARSED._root;
            d._dtd = PARSED._dtd;
            return d;
        }

        private static WebDefaults parseOnce() {
            Resource xml = RESOURCES.newClassLoaderResource(WebAppContext.WEB_DEFAULTS_XML);
            if (xml == null || !xml.exists()) {
                throw new IllegalStateException(WebAppContext.WEB_DEFAULTS_XML + " is not on the host's class path; rebuild the host with its dependencies");
            }
            WebDefaults d = new WebDefaults(xml);
            try {
                XmlParser parser = WebDescriptor.newParser(false);
                d.parse(parser);
            } catch (Exception e) {
                throw new IllegalStateException(WebAppContext.WEB_DEFAULTS_XML + " could not be parsed", e);
            }
            return d;
        }
    }
}
