package io.cohost.kernel.container;

import java.lang.reflect.Field;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.ee10.webapp.MetaData;
import org.eclipse.jetty.ee10.webapp.WebDescriptor;
import org.eclipse.jetty.xml.XmlParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XML parsers apps' descriptors are read with, lent to an app while it starts and taken back once it
 * has. Jetty gives every app its own parser, and building one (a SAX parser and two XML catalogs) costs
 * about a sixth of a small app's deploy; the app then keeps it for its whole life, some 60 KiB of heap
 * per app that nothing reads after start. A parser is used by one app at a time, so no parse ever sees
 * another app's state.
 *
 * <p>Jetty has no setter that takes a parser back, and its {@code setXmlParser} adds a catalog on every
 * call, so the field is set directly. If a Jetty version renames it, apps get their own parsers as in
 * stock Jetty ({@code DescriptorParsersTest} fails first).
 */
final class DescriptorParsers {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorParsers.class);
    private static final int MAX_IDLE = 4;
    private static final Field PARSER = parserField();
    private static final Queue<XmlParser> IDLE = new ConcurrentLinkedQueue<>();

    private DescriptorParsers() {}

    /** Gives the app a parser before its first descriptor is read, unless it validates XML or has one. */
    static void lend(MetaData metaData) {
        if (PARSER == null || metaData.isValidateXml()) {
            return;
        }
        try {
            if (PARSER.get(metaData) != null) {
                return;
            }
            XmlParser parser = IDLE.poll();
            PARSER.set(metaData, parser != null ? parser : WebDescriptor.newParser(false));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the app's parser back once it has started: nothing reads descriptors after that. */
    static void takeBack(MetaData metaData) {
        if (PARSER == null) {
            return;
        }
        try {
            XmlParser parser = (XmlParser) PARSER.get(metaData);
            if (parser == null) {
                return;
            }
            PARSER.set(metaData, null);
            // the queue is at most a few long, so its size is cheap; racing apps may leave one or two extra
            if (!parser.isValidating() && IDLE.size() < MAX_IDLE) {
                IDLE.offer(parser);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parser an app holds now, for tests; {@code null} when it holds none. */
    static XmlParser heldBy(MetaData metaData) throws IllegalAccessException {
        return PARSER == null ? null : (XmlParser) PARSER.get(metaData);
    }

    static boolean available() {
        return PARSER != null;
    }

    private static Field parserField() {
        try {
            Field f = MetaData.class.getDeclaredField("_xmlParser");
            if (f.getType() != XmlParser.class) {
                throw new NoSuchFieldException("_xmlParser is a " + f.getType());
            }
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.info("each app builds and keeps its own descriptor parser, as in stock Jetty: {}", e.toString());
            return null;
        }
    }
}
