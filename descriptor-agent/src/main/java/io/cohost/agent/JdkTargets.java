package io.cohost.agent;

import static io.cohost.agent.boot.DescriptorHooks.DATAGRAM;
import static io.cohost.agent.boot.DescriptorHooks.DIRECTORY;
import static io.cohost.agent.boot.DescriptorHooks.FILE;
import static io.cohost.agent.boot.DescriptorHooks.PIPE;
import static io.cohost.agent.boot.DescriptorHooks.SELECTOR;
import static io.cohost.agent.boot.DescriptorHooks.SERVER_SOCKET;
import static io.cohost.agent.boot.DescriptorHooks.SOCKET;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where the agent hooks the JDK: the descriptor-owning classes of {@code java.base}, the method of
 * each that opens, closes or guards a descriptor, and the call injected at its entry (a check that may
 * refuse before anything is opened) or before its normal returns (report what was opened).
 *
 * <p>The list follows lib-file-leak-detector's, updated for JDK 13+ ({@code NioSocketImpl} instead of
 * {@code PlainSocketImpl}; {@code UnixDispatcher} closes sockets on 21+). Every entry was checked
 * against the class files of JDK 17 and 25; {@link DescriptorAgent#missingTargets()} names any
 * method a future JDK no longer has.
 *
 * <pre>
 *  open:   FileInputStream/FileOutputStream/RandomAccessFile.open      (file; ZipFile/JarFile go through RandomAccessFile)
 *          UnixFileSystemProvider.newByteChannel/newFileChannel/...   (NIO files: Files.new*, lines, FileChannel.open)
 *          FileChannelImpl, UnixDirectoryStream, Socket/ServerSocket/DatagramChannelImpl, NioSocketImpl,
 *          EPollSelectorImpl, Source/SinkChannelImpl, asynchronous channels
 *  close:  FileDescriptor.close, *Dispatcher.close(FileDescriptor), EPollSelectorImpl.implClose, directory streams
 *  guard:  java.io.File writes and listings, Files' writes (provider), Unix domain sockets, Net.connect,
 *          ProcessBuilder.start
 * </pre>
 */
final class JdkTargets {
    /** One hooked method. {@code descriptor} selects overloads; constructors are named {@code <init>}. */
    record Target(String method, Predicate<String> descriptor, Consumer<HookEmitter> entry, Consumer<HookEmitter> exit) {
        boolean matches(String name, String desc) {
            return method.equals(name) && descriptor.test(desc);
        }
    }

    static final String CHECK_FILE_OPEN = "(Ljava/lang/String;Z)V";
    static final String CHECK_FILE_OPEN_MODE = "(Ljava/lang/String;I)V";
    static final String CHECK_PATH_OPEN = "(Ljava/lang/Object;Ljava/lang/Object;I)V";
    static final String CHECK_OBJECT = "(Ljava/lang/Object;)V";
    static final String CHECK_LINK = "(Ljava/lang/Object;Ljava/lang/Object;)V";
    static final String CHECK_STRING = "(Ljava/lang/String;)V";
    static final String CHECK_OPEN = "(II)V";
    static final String CHECK_SOCKET_IMPL = "(Z)V";
    static final String CHECK_CONNECT = "(Ljava/lang/Object;I)V";
    static final String OPENED = "(Ljava/lang/Object;Ljava/lang/Object;IILjava/lang/String;Z)V";
    static final String FILE_CHANNEL_OPENED = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;Ljava/lang/Object;)V";
    static final String SOCKET_IMPL_OPENED = "(Ljava/lang/Object;Ljava/lang/Object;Z)V";
    static final String CLOSED = "(Ljava/lang/Object;)V";

    private static final String FD = "Ljava/io/FileDescriptor;";
    private static final Predicate<String> ANY = d -> true;
    private static final Consumer<HookEmitter> NOTHING = e -> { };

    private JdkTargets() {}

    /** The hooked methods of a class (internal name), or an empty list. */
    static List<Target> of(String className) {
        return TARGETS.getOrDefault(className, List.of());
    }

    static java.util.Set<String> classes() {
        return TARGETS.keySet();
    }

    private static Target at(String method, String descriptor, Consumer<HookEmitter> entry, Consumer<HookEmitter> exit) {
        return new Target(method, descriptor::equals, entry, exit);
    }

    /** A file opened by name in {@code java.io}: check the name, then report the stream with its descriptor. */
    private static Consumer<HookEmitter> openedFile() {
        return e -> e.self().field("fd").constant(FILE).constant(1).arg(1).bool(false).call("opened", OPENED);
    }

    /** Constructors that create a descriptor are checked first; those handed one (accepted, inherited) are not. */
    private static Target channelConstructor(int kind) {
        return new Target("<init>", ANY,
                e -> { },
                e -> e.self().field("fd").constant(kind).constant(1).none()
                        // a channel the JDK closes when it is collected is held weakly, the others until closed
                        .bool(!e.hasField("cleaner")).call("opened", OPENED));
    }

    private static Target channelConstructorCheck(int kind) {
        return new Target("<init>", d -> !d.contains(FD), e -> e.constant(kind).constant(1).call("checkOpen", CHECK_OPEN), NOTHING);
    }

    private static Consumer<HookEmitter> closesArg(int slot) {
        return e -> e.arg(slot).call("closed", CLOSED);
    }

    private static Consumer<HookEmitter> closesSelf() {
        return e -> e.self().call("closed", CLOSED);
    }

    private static Consumer<HookEmitter> writesFile() {
        return e -> e.field("path").call("checkFileWrite", CHECK_STRING);
    }

    private static final Map<String, List<Target>> TARGETS = Map.ofEntries(
            Map.entry("java/io/FileInputStream", List.of(
                    at("open", "(Ljava/lang/String;)V",
                            e -> e.arg(1).bool(false).call("checkFileOpen", CHECK_FILE_OPEN), openedFile()))),
            Map.entry("java/io/FileOutputStream", List.of(
                    at("open", "(Ljava/lang/String;Z)V",
                            e -> e.arg(1).bool(true).call("checkFileOpen", CHECK_FILE_OPEN), openedFile()))),
            Map.entry("java/io/RandomAccessFile", List.of(
                    at("open", "(Ljava/lang/String;I)V",
                            e -> e.arg(1).intArg(2).call("checkFileOpenMode", CHECK_FILE_OPEN_MODE), openedFile()))),
            Map.entry("java/io/FileDescriptor", List.of(
                    at("close", "()V", closesSelf(), NOTHING))),
            Map.entry("java/io/File", List.of(
                    at("delete", "()Z", writesFile(), NOTHING),
                    at("mkdir", "()Z", writesFile(), NOTHING),
                    at("createNewFile", "()Z", writesFile(), NOTHING),
                    at("setLastModified", "(J)Z", writesFile(), NOTHING),
                    at("setReadOnly", "()Z", writesFile(), NOTHING),
                    at("setWritable", "(ZZ)Z", writesFile(), NOTHING),
                    at("setReadable", "(ZZ)Z", writesFile(), NOTHING),
                    at("setExecutable", "(ZZ)Z", writesFile(), NOTHING),
                    at("renameTo", "(Ljava/io/File;)Z", e -> {
                        e.field("path").call("checkFileWrite", CHECK_STRING);
                        e.fieldOfArg(1, "java/io/File", "path", "Ljava/lang/String;").call("checkFileWrite", CHECK_STRING);
                    }, NOTHING),
                    at("normalizedList", "()[Ljava/lang/String;", e -> e.field("path").call("checkFileRead", CHECK_STRING), NOTHING),
                    at("createTempFile", "(Ljava/lang/String;Ljava/lang/String;Ljava/io/File;)Ljava/io/File;",
                            e -> e.arg(2).call("checkTempDirectory", CHECK_OBJECT), NOTHING))),
            Map.entry("sun/nio/fs/UnixFileSystemProvider", List.of(
                    at("newByteChannel", "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/SeekableByteChannel;",
                            e -> e.arg(1).arg(2).constant(FILE).call("checkPathOpen", CHECK_PATH_OPEN), NOTHING),
                    at("newFileChannel", "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/FileChannel;",
                            e -> e.arg(1).arg(2).constant(FILE).call("checkPathOpen", CHECK_PATH_OPEN), NOTHING),
                    at("newAsynchronousFileChannel", "(Ljava/nio/file/Path;Ljava/util/Set;Ljava/util/concurrent/ExecutorService;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/AsynchronousFileChannel;",
                            e -> e.arg(1).arg(2).constant(FILE).call("checkPathOpen", CHECK_PATH_OPEN), NOTHING),
                    at("newDirectoryStream", "(Ljava/nio/file/Path;Ljava/nio/file/DirectoryStream$Filter;)Ljava/nio/file/DirectoryStream;",
                            e -> e.arg(1).none().constant(DIRECTORY).call("checkPathOpen", CHECK_PATH_OPEN), NOTHING),
                    at("createDirectory", "(Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)V",
                            e -> e.arg(1).call("checkPathWrite", CHECK_OBJECT), NOTHING),
                    at("implDelete", "(Ljava/nio/file/Path;Z)Z", e -> e.arg(1).call("checkPathWrite", CHECK_OBJECT), NOTHING),
                    at("copy", "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)V", e -> {
                        e.arg(1).call("checkPathRead", CHECK_OBJECT);
                        e.arg(2).call("checkPathWrite", CHECK_OBJECT);
                    }, NOTHING),
                    at("move", "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)V", e -> {
                        e.arg(1).call("checkPathWrite", CHECK_OBJECT);
                        e.arg(2).call("checkPathWrite", CHECK_OBJECT);
                    }, NOTHING),
                    at("createSymbolicLink", "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)V",
                            e -> e.arg(1).arg(2).call("checkLink", CHECK_LINK), NOTHING),
                    at("createLink", "(Ljava/nio/file/Path;Ljava/nio/file/Path;)V", e -> {
                        e.arg(1).call("checkPathWrite", CHECK_OBJECT);
                        e.arg(2).call("checkPathWrite", CHECK_OBJECT);
                    }, NOTHING))),
            Map.entry("sun/nio/fs/UnixDirectoryStream", List.of(
                    new Target("<init>", ANY, NOTHING,
                            e -> e.self().self().constant(DIRECTORY).constant(1).textOf(1).bool(true).call("opened", OPENED)),
                    at("closeImpl", "()Z", closesSelf(), NOTHING))),
            Map.entry("sun/nio/fs/UnixSecureDirectoryStream", List.of(
                    // the directory's own descriptor, besides the stream's (charged by UnixDirectoryStream)
                    new Target("<init>", ANY, NOTHING,
                            e -> e.self().self().constant(DIRECTORY).constant(1).textOf(1).bool(true).call("opened", OPENED)),
                    at("close", "()V", closesSelf(), NOTHING))),
            Map.entry("sun/nio/ch/FileChannelImpl", List.of(
                    new Target("<init>", ANY, NOTHING,
                            e -> e.self().field("fd").field("path").field("parent").call("fileChannelOpened", FILE_CHANNEL_OPENED)))),
            Map.entry("sun/nio/ch/SimpleAsynchronousFileChannelImpl", List.of(
                    new Target("<init>", ANY, NOTHING,
                            e -> e.self().arg(1).constant(FILE).constant(1).none().bool(true).call("opened", OPENED)))),
            Map.entry("sun/nio/ch/SocketChannelImpl", List.of(channelConstructorCheck(SOCKET), channelConstructor(SOCKET))),
            Map.entry("sun/nio/ch/ServerSocketChannelImpl", List.of(
                    channelConstructorCheck(SERVER_SOCKET), channelConstructor(SERVER_SOCKET),
                    at("accept", "()Ljava/nio/channels/SocketChannel;",
                            e -> e.constant(SOCKET).constant(1).call("checkOpen", CHECK_OPEN), NOTHING))),
            Map.entry("sun/nio/ch/DatagramChannelImpl", List.of(channelConstructorCheck(DATAGRAM), channelConstructor(DATAGRAM))),
            Map.entry("sun/nio/ch/SourceChannelImpl", List.of(channelConstructor(PIPE))),
            Map.entry("sun/nio/ch/SinkChannelImpl", List.of(channelConstructor(PIPE))),
            Map.entry("sun/nio/ch/PipeImpl", List.of(
                    new Target("<init>", ANY, e -> e.constant(PIPE).constant(2).call("checkOpen", CHECK_OPEN), NOTHING))),
            Map.entry("sun/nio/ch/EPollSelectorImpl", List.of(
                    new Target("<init>", ANY,
                            e -> e.constant(SELECTOR).constant(2).call("checkOpen", CHECK_OPEN),
                            // epoll's descriptor plus its wakeup: an eventfd (17.0.x updates, 21+) or a pipe
                            e -> e.self().self().constant(SELECTOR).constant(e.hasField("eventfd") ? 2 : 3).none().bool(true)
                                    .call("opened", OPENED)),
                    at("implClose", "()V", closesSelf(), NOTHING))),
            Map.entry("sun/nio/ch/NioSocketImpl", List.of(
                    at("create", "(Z)V", e -> e.field("server").call("checkSocketImpl", CHECK_SOCKET_IMPL),
                            e -> e.self().inheritedField("fd", FD).field("server").call("socketImplOpened", SOCKET_IMPL_OPENED)),
                    at("accept", "(Ljava/net/SocketImpl;)V", e -> e.constant(SOCKET).constant(1).call("checkOpen", CHECK_OPEN),
                            e -> e.arg(1).fieldOfArg(1, "sun/nio/ch/NioSocketImpl", "fd", FD).bool(false)
                                    .call("socketImplOpened", SOCKET_IMPL_OPENED)))),
            Map.entry("sun/nio/ch/UnixAsynchronousSocketChannelImpl", List.of(
                    channelConstructorCheck(SOCKET),
                    new Target("<init>", ANY, NOTHING,
                            e -> e.self().inheritedField("fd", FD).constant(SOCKET).constant(1).none().bool(true).call("opened", OPENED)))),
            Map.entry("sun/nio/ch/UnixAsynchronousServerSocketChannelImpl", List.of(
                    channelConstructorCheck(SERVER_SOCKET),
                    new Target("<init>", ANY, NOTHING,
                            e -> e.self().inheritedField("fd", FD).constant(SERVER_SOCKET).constant(1).none().bool(true).call("opened", OPENED)))),
            // sockets, datagrams (and pipes on 21+) are closed by their dispatcher, not by FileDescriptor.close
            Map.entry("sun/nio/ch/UnixDispatcher", List.of(at("close", "(" + FD + ")V", closesArg(1), NOTHING))),
            Map.entry("sun/nio/ch/SocketDispatcher", List.of(at("close", "(" + FD + ")V", closesArg(1), NOTHING))),
            Map.entry("sun/nio/ch/DatagramDispatcher", List.of(at("close", "(" + FD + ")V", closesArg(1), NOTHING))),
            // a Unix domain socket is a file: connecting to one writes to it, binding one creates it
            Map.entry("sun/nio/ch/UnixDomainSockets", List.of(
                    at("connect", "(" + FD + "Ljava/nio/file/Path;)I", e -> e.arg(1).call("checkPathWrite", CHECK_OBJECT), NOTHING),
                    at("bind", "(" + FD + "Ljava/nio/file/Path;)V", e -> e.arg(1).call("checkPathWrite", CHECK_OBJECT), NOTHING))),
            Map.entry("sun/nio/ch/Net", List.of(
                    at("connect", "(Ljava/net/ProtocolFamily;" + FD + "Ljava/net/InetAddress;I)I",
                            e -> e.arg(2).intArg(3).call("checkConnect", CHECK_CONNECT), NOTHING))),
            Map.entry("java/lang/ProcessBuilder", List.of(
                    at("start", "([Ljava/lang/ProcessBuilder$Redirect;)Ljava/lang/Process;",
                            e -> e.field("command").call("checkProcessStart", CHECK_OBJECT), NOTHING))));

    /**
     * The targets this JDK does not have, read from its class files ({@code .class} resources of
     * {@code java.base} are readable even in packages it does not export). Dispatchers close sockets
     * in {@code SocketDispatcher} on 17 and in {@code UnixDispatcher} on 21+: one of them is enough.
     */
    static List<String> missingOnThisJdk() {
        List<String> missing = new java.util.ArrayList<>();
        boolean dispatcherClose = false;
        for (String cls : TARGETS.keySet()) {
            java.util.Set<String> methods = methodsOf(cls);
            for (Target t : of(cls)) {
                boolean present = methods.stream().anyMatch(m -> {
                    int paren = m.indexOf('(');
                    return t.matches(m.substring(0, paren), m.substring(paren));
                });
                if (cls.endsWith("Dispatcher")) {
                    dispatcherClose |= present;
                } else if (!present) {
                    missing.add(cls + "." + t.method());
                }
            }
        }
        if (!dispatcherClose) {
            missing.add("sun/nio/ch/*Dispatcher.close");
        }
        return missing;
    }

    private static java.util.Set<String> methodsOf(String cls) {
        java.util.Set<String> methods = new java.util.HashSet<>();
        try (java.io.InputStream in = Object.class.getModule().getResourceAsStream(cls + ".class")) {
            if (in != null) {
                new org.objectweb.asm.ClassReader(in).accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
                    @Override
                    public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                        methods.add(name + desc);
                        return null;
                    }
                }, org.objectweb.asm.ClassReader.SKIP_CODE);
            }
        } catch (java.io.IOException e) {
            // reported as missing
        }
        return methods;
    }
}
