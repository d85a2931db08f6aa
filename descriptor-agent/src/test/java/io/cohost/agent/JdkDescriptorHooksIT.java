package io.cohost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on the JDK it runs on (17 and 25 in CI): every kind of descriptor opened on a tenant's
 * thread is charged with the number of OS descriptors it takes and released on close; refusals
 * happen before anything is opened; stopping closes what is left and wakes threads blocked on it.
 */
class JdkDescriptorHooksIT {
    private static final UnixOperatingSystemMXBean OS = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @TempDir
    Path dir;
    private RecordingGate tenant;
    private DescriptorTracker tracker;
    private final List<Closeable> held = new ArrayList<>();

    @BeforeEach
    void attribute() {
        tenant = new RecordingGate();
        tracker = DescriptorAgent.tracker().orElseThrow();
        tracker.setAttribution(tenant.attribution());
    }

    @AfterEach
    void release() throws Exception {
        for (Closeable c : held) {
            c.close();
        }
        tracker.ledger().forget(tenant);
        tracker.setAttribution(Attribution.HOST);
    }

    private <T extends Closeable> T hold(T c) {
        held.add(c);
        return c;
    }

    private static long processDescriptors() {
        return OS.getOpenFileDescriptorCount();
    }

    /** Other threads of the test JVM open files now and then (class loading, the test runner): wait them out. */
    private static void assertProcessDescriptorsSettle(long expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(processDescriptors()).isEqualTo(expected));
    }

    @Test
    void everyHookedMethodExistsOnThisJdk() {
        assertThat(DescriptorAgent.isInstalled()).isTrue();
        assertThat(DescriptorAgent.missingTargets()).isEmpty();
        assertThat(DescriptorAgent.instrumented()).contains("java/io/FileInputStream.open", "java/io/FileDescriptor.close");
    }

    @Test
    void javaIoStreamsAreChargedOnOpenAndReleasedOnClose() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        long before = processDescriptors();

        hold(tenant.run(() -> new FileInputStream(f.toFile())));
        hold(tenant.run(() -> new FileOutputStream(dir.resolve("b.txt").toFile())));
        hold(tenant.run(() -> new RandomAccessFile(f.toFile(), "rw")));

        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(3);
        assertProcessDescriptorsSettle(before + 3);
        release();
        assertThat(tenant.total()).isZero();
        assertProcessDescriptorsSettle(before);
    }

    @Test
    void nioFilesAndDirectoryStreamsAreCharged() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "one\ntwo\n");
        long before = processDescriptors();

        hold(tenant.run(() -> FileChannel.open(f)));
        hold(tenant.run(() -> Files.newInputStream(f)));
        hold(tenant.run(() -> Files.newOutputStream(dir.resolve("c.txt"))));
        Stream<String> lines = tenant.run(() -> Files.lines(f));
        hold(lines::close);
        DirectoryStream<Path> listing = hold(tenant.run(() -> Files.newDirectoryStream(dir)));
        Stream<Path> list = tenant.run(() -> Files.list(dir));
        hold(list::close);

        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(4);
        assertThat(tenant.count(DescriptorKind.DIRECTORY)).isBetween(2, 4);
        assertProcessDescriptorsSettle(before + tenant.total());
        release();
        assertThat(tenant.total()).isZero();
        assertThat(listing).isNotNull();
    }

    @Test
    void aChannelFromAStreamSharesTheStreamsCharge() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        FileInputStream in = hold(tenant.run(() -> {
            FileInputStream s = new FileInputStream(f.toFile());
            s.getChannel().size();
            return s;
        }));

        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(1);
        in.getChannel().close();
        assertThat(tenant.count(DescriptorKind.FILE)).isZero();
    }

    @Test
    void zipAndJarFilesOpenedByTheJdkAreCharged() throws Exception {
        Path zip = dir.resolve("a.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("x.txt"));
            out.write(1);
        }
        hold(tenant.run(() -> new ZipFile(zip.toFile())));
        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(1);
        hold(tenant.run(() -> new JarFile(dir.resolve("a.zip").toFile(), false)));
        // the JDK shares one open file between ZipFile instances of the same file
        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(1);
        Path other = Files.copy(zip, dir.resolve("b.jar"));
        InputStream viaUrl = hold(tenant.run(() -> {
            URL url = new URL("jar:" + other.toUri() + "!/x.txt");
            var connection = url.openConnection();
            connection.setUseCaches(false);
            return connection.getInputStream();
        }));
        assertThat(viaUrl.read()).isEqualTo(1);
        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(2);
    }

    @Test
    void blockingSocketsAndServerSocketsAreChargedIncludingAcceptedOnes() throws Exception {
        long before = processDescriptors();
        ServerSocket server = hold(tenant.run(() -> new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())));
        Socket client = hold(tenant.run(() -> new Socket(server.getInetAddress(), server.getLocalPort())));
        Socket accepted = hold(tenant.run(server::accept));

        assertThat(tenant.count(DescriptorKind.SERVER_SOCKET)).isEqualTo(1);
        assertThat(tenant.count(DescriptorKind.SOCKET)).isEqualTo(2);
        assertProcessDescriptorsSettle(before + 3);
        client.close();
        accepted.close();
        assertThat(tenant.count(DescriptorKind.SOCKET)).isZero();
    }

    @Test
    void nioChannelsSelectorsAndPipesAreChargedWithTheDescriptorsTheyTake() throws Exception {
        long before = processDescriptors();
        ServerSocketChannel server = hold(tenant.run(() -> ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))));
        SocketChannel client = hold(tenant.run(() -> SocketChannel.open(server.getLocalAddress())));
        hold(tenant.run(server::accept));
        hold(tenant.run(DatagramChannel::open));
        hold(tenant.run(() -> new DatagramSocket(0)));
        hold(tenant.run(Selector::open));
        Pipe pipe = tenant.run(Pipe::open);
        hold(pipe.source());
        hold(pipe.sink());

        assertThat(tenant.count(DescriptorKind.SERVER_SOCKET)).isEqualTo(1);
        assertThat(tenant.count(DescriptorKind.SOCKET)).isEqualTo(2);
        assertThat(tenant.count(DescriptorKind.DATAGRAM)).isEqualTo(2);
        assertThat(tenant.count(DescriptorKind.PIPE)).isEqualTo(2);
        assertThat(tenant.count(DescriptorKind.SELECTOR)).isEqualTo(2);
        assertProcessDescriptorsSettle(before + tenant.total());
        release();
        assertThat(tenant.total()).isZero();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void asynchronousChannelsAreCharged() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        hold(tenant.run(() -> AsynchronousFileChannel.open(f, StandardOpenOption.READ)));
        hold(tenant.run(AsynchronousSocketChannel::open));

        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(1);
        assertThat(tenant.count(DescriptorKind.SOCKET)).isEqualTo(1);
    }

    @Test
    void httpClientConnectionsAndItsSelectorAreChargedToTheTenantThatUsesIt() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = tenant.run(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            String body = tenant.run(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/")).build(), HttpResponse.BodyHandlers.ofString()).body());

            assertThat(body).isEqualTo("ok");
            assertThat(tenant.count(DescriptorKind.SELECTOR)).isEqualTo(2);
            assertThat(tenant.count(DescriptorKind.SOCKET)).isEqualTo(1);
            String viaUrlConnection = tenant.run(() -> {
                try (InputStream in = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/").openStream()) {
                    return new String(in.readAllBytes());
                }
            });
            assertThat(viaUrlConnection).isEqualTo("ok");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theHostsOwnDescriptorsAreNeverCharged() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        hold(new FileInputStream(f.toFile()));
        hold(SocketChannel.open());
        hold(Selector.open());

        assertThat(tenant.total()).isZero();
    }

    @Test
    void aRefusedOpenOpensNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        ServerSocket server = hold(new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        tenant.quota = 1;
        hold(tenant.run(() -> new FileInputStream(f.toFile())));
        long before = processDescriptors();

        assertThatThrownBy(() -> tenant.run(() -> new FileInputStream(f.toFile()))).hasMessageContaining("quota reached (1 of 1)");
        assertThatThrownBy(() -> tenant.run(() -> Files.newByteChannel(f))).hasMessageContaining("quota reached");
        assertThatThrownBy(() -> tenant.run(SocketChannel::open)).hasMessageContaining("quota reached");
        assertThatThrownBy(() -> tenant.run(() -> new Socket("127.0.0.1", server.getLocalPort()))).hasMessageContaining("quota reached");
        assertThatThrownBy(() -> tenant.run(Selector::open)).hasMessageContaining("quota reached");
        assertThatThrownBy(() -> tenant.run(Pipe::open)).hasMessageContaining("quota reached");
        assertProcessDescriptorsSettle(before);
        assertThat(tenant.total()).isEqualTo(1);
    }

    @Test
    void pathRulesApplyToJavaIoNioAndFileOperations() {
        assertThatThrownBy(() -> tenant.run(() -> new FileInputStream("/etc/hostname")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("/etc/hostname").hasMessageContaining("no /etc");
        assertThatThrownBy(() -> tenant.run(() -> Files.readAllBytes(Path.of("/etc/hostname")))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tenant.run(() -> Files.list(Path.of("/etc")))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tenant.run(() -> new java.io.File("/etc").list())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tenant.run(() -> new java.io.File("/etc/cohost-test").createNewFile())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tenant.run(() -> Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/passwd"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tenant.run(() -> new URL("file:///etc/hostname").openStream())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void unixDomainSocketsAreCheckedAsTheFilesTheyAre() throws Exception {
        Path socket = dir.resolve("s.sock");
        hold(ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX).bind(java.net.UnixDomainSocketAddress.of(socket)));
        tenant.readOnly = dir;

        assertThatThrownBy(() -> tenant.run(() -> SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("s.sock: refused by the test tenant's rule: read only");
        assertThatThrownBy(() -> tenant.run(() -> ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)
                .bind(java.net.UnixDomainSocketAddress.of(dir.resolve("t.sock"))))).isInstanceOf(AccessDeniedException.class);
        tenant.readOnly = Path.of("/nonexistent-read-only");
        hold(tenant.run(() -> SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))));
        assertThat(tenant.count(DescriptorKind.SOCKET)).isEqualTo(1);
    }

    @Test
    void sharedReadOnlyFilesAreReadableButNotCharged() throws Exception {
        Path f = Files.writeString(dir.resolve("shared.txt"), "abc");
        tenant.shared = dir;
        hold(tenant.run(() -> new FileInputStream(f.toFile())));
        hold(tenant.run(() -> Files.newInputStream(f)));

        assertThat(tenant.total()).isZero();
    }

    @Test
    void connectsAndProcessStartsAreCheckedWhateverTheApi() throws Exception {
        ServerSocket server = hold(new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        tenant.refusedPort = server.getLocalPort();

        assertThatThrownBy(() -> tenant.run(() -> new Socket("127.0.0.1", server.getLocalPort())))
                .hasMessageContaining("may not connect to port " + server.getLocalPort());
        assertThatThrownBy(() -> tenant.run(() -> SocketChannel.open(server.getLocalSocketAddress())))
                .hasMessageContaining("may not connect");
        assertThatThrownBy(() -> tenant.run(() -> new ProcessBuilder("true").start())).hasMessageContaining("may not start [true]");
        assertThatThrownBy(() -> tenant.run(() -> Runtime.getRuntime().exec(new String[] {"true"}))).hasMessageContaining("may not start");
    }

    @Test
    void descriptorsTheJdkClosesOnCollectionAreReleasedWhenCollected() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        tenant.run(() -> new FileInputStream(f.toFile()));
        tenant.run(() -> FileChannel.open(f));
        assertThat(tenant.count(DescriptorKind.FILE)).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            tracker.ledger().expunge();
            return tenant.count(DescriptorKind.FILE) == 0;
        });
    }

    @Test
    void channelsTheJdkWouldLeakOnCollectionStayChargedUntilForceClosed() throws Exception {
        long before = processDescriptors();
        tenant.run(SocketChannel::open);
        tenant.run(Selector::open);
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        tracker.ledger().expunge();
        assertThat(tenant.total()).isEqualTo(3);

        DescriptorLedger.ForceClosed closed = tracker.ledger().closeAll(tenant);

        assertThat(closed.total()).isEqualTo(3);
        assertThat(closed.failures()).isEmpty();
        assertThat(tenant.total()).isZero();
        assertProcessDescriptorsSettle(before);
    }

    @Test
    void forceClosingWakesThreadsBlockedReadingSockets() throws Exception {
        ServerSocket silent = hold(new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        ServerSocketChannel silentNio = hold(ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)));
        CountDownLatch blocked = new CountDownLatch(2);
        AtomicReference<Throwable> plain = new AtomicReference<>();
        AtomicReference<Throwable> nio = new AtomicReference<>();
        Thread a = new Thread(tenant.group, () -> {
            try (Socket s = new Socket("127.0.0.1", silent.getLocalPort())) {
                blocked.countDown();
                s.getInputStream().read();
            } catch (Throwable e) {
                plain.set(e);
            }
        });
        Thread b = new Thread(tenant.group, () -> {
            try (SocketChannel s = SocketChannel.open(silentNio.getLocalAddress())) {
                blocked.countDown();
                s.read(java.nio.ByteBuffer.allocate(1));
            } catch (Throwable e) {
                nio.set(e);
            }
        });
        a.start();
        b.start();
        blocked.await();
        await().until(() -> a.getState() == Thread.State.RUNNABLE && b.getState() == Thread.State.RUNNABLE
                && tenant.count(DescriptorKind.SOCKET) == 2);

        long start = System.nanoTime();
        tracker.ledger().closeAll(tenant);
        a.join(5_000);
        b.join(5_000);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(a.isAlive()).isFalse();
        assertThat(b.isAlive()).isFalse();
        assertThat(plain.get()).isInstanceOf(java.net.SocketException.class);
        assertThat(nio.get()).isInstanceOf(java.nio.channels.AsynchronousCloseException.class);
    }
}
