package io.cohost.kernel.container;

import org.eclipse.jetty.ee10.webapp.WebAppContext;

/**
 * A configuration step that needs the web app's merged metadata (web.xml, fragments, annotations)
 * but must act before its servlets and security handler start: Jetty's {@code configure} runs before
 * the metadata is resolved and {@code postConfigure} after the app has started.
 */
public interface MetaDataResolvedHook {
    void metaDataResolved(WebAppContext context) throws Exception;
}
