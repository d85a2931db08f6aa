package io.cohost.bench.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Plain embedded Jetty 12 (ee10), as an application would start it: one {@link Server}, one
 * {@link WebAppContext} per WAR in a {@link ContextHandlerCollection}, stock configuration. This is
 * the other side of every comparison: "one JVM per app" when started with one WAR, "plain Jetty
 * hosting N WebAppContexts" when more are deployed into it.
 * <pre>
 * deploy NAME WAR                 a WebAppContext at /NAME, started     → ms
 * deploy-range PREFIX FROM TO WAR
 * undeploy NAME
 * memory | gc | quit
 * </pre>
 * Usage: {@code PlainJettyServer PORT [NAME=WAR...]}: the WARs given are deployed before the server starts.
 */
public final class PlainJettyServer {
    private final Server server = new Server();
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();

    private PlainJettyServer(int port) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(contexts);
    }

    public static void main(String[] args) throws Exception {
        PlainJettyServer plain = new PlainJettyServer(Integer.parseInt(args[0]));
        for (int i = 1; i < args.length; i++) {
            String[] nameWar = args[i].split("=", 2);
            plain.contexts.addHandler(webApp(nameWar[0], nameWar[1]));
        }
        plain.server.start();
        CommandLoop loop = new CommandLoop()
                .on("deploy", a -> plain.timed(() -> plain.deploy(a.get(0), a.get(1))))
                .on("deploy-range", a -> plain.timed(() -> {
                    for (int i = Integer.parseInt(a.get(1)); i <= Integer.parseInt(a.get(2)); i++) {
                        plain.deploy(a.get(0) + i, a.get(3));
                    }
                }))
                .on("undeploy", a -> plain.timed(() -> plain.undeploy(a.get(0))));
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("port", ((ServerConnector) plain.server.getConnectors()[0]).getLocalPort());
        CommandLoop.ready(ready);
        try {
            loop.run();
        } finally {
            plain.server.stop();
        }
        System.exit(0);
    }

    static WebAppContext webApp(String name, String war) {
        WebAppContext context = new WebAppContext();
        context.setContextPath("/" + name);
        context.setWar(war);
        context.setThrowUnavailableOnStartupException(true);
        return context;
    }

    private void deploy(String name, String war) throws Exception {
        WebAppContext context = webApp(name, war);
        contexts.addHandler(context);
        if (!context.isStarted()) {
            context.start();
        }
    }

    private void undeploy(String name) throws Exception {
        for (var h : contexts.getHandlers()) {
            if (h instanceof WebAppContext w && w.getContextPath().equals("/" + name)) {
                contexts.removeHandler(w);
                w.stop();
                w.destroy();
            }
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private Map<String, Object> timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return Map.of("ms", String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6));
    }
}
