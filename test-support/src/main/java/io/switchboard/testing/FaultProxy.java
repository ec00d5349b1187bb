package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A TCP proxy on loopback that a test puts between a service and a server (PostgreSQL, a Kafka broker) to inject
 * network faults while traffic flows:
 * <ul>
 * <li>{@link #cut()}: every open connection is reset and new ones are reset as soon as they are accepted, as when
 * the server is down or the route is gone ("connection refused" in the client's eyes, fast);</li>
 * <li>{@link #blackhole()}: connections stay open but no byte passes either way and new connections hang, as when
 * packets are dropped (the client's timeouts fire, slowly);</li>
 * <li>{@link #slow(Duration)}: every chunk is forwarded after the given delay;</li>
 * <li>{@link #restore()}: bytes flow again; connections reset by a cut stay closed, the client reconnects.</li>
 * </ul>
 * Plain blocking sockets and two threads per connection: tests open few connections, and this stays obvious.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaultProxy.class.getName());

    private enum Mode { PASS, CUT, BLACKHOLE }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;
    private volatile boolean closed;

    private FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    }

    /** Starts a proxy on an ephemeral loopback port that forwards to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        try {
            FaultProxy proxy = new FaultProxy(host, port);
            Thread acceptor = new Thread(proxy::acceptLoop, "fault-proxy-" + proxy.port());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Could not open a fault proxy to " + host + ":" + port, e);
        }
    }

    /** The loopback port the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code 127.0.0.1:<port>}, for a bootstrap list or a URL. */
    public String address() {
        return listener.getInetAddress().getHostAddress() + ":" + port();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        mode = Mode.CUT;
        for (Socket socket : open) {
            reset(socket);
        }
        LOG.info(() -> "fault proxy " + port() + " -> " + targetHost + ":" + targetPort + ": cut");
    }

    /** Lets no byte through and holds new connections until {@link #restore()}; open connections stay open. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
        LOG.info(() -> "fault proxy " + port() + ": blackhole");
    }

    /** Forwards every chunk after {@code delay}; {@link Duration#ZERO} removes the delay. */
    public void slow(Duration delay) {
        delayMillis = delay.toMillis();
        LOG.info(() -> "fault proxy " + port() + ": " + delay.toMillis() + " ms per chunk");
    }

    /** Back to normal: bytes flow, new connections are forwarded, no delay. */
    public void restore() {
        delayMillis = 0;
        synchronized (gate) {
            mode = Mode.PASS;
            gate.notifyAll();
        }
        LOG.info(() -> "fault proxy " + port() + ": restored");
    }

    @Override
    public void close() {
        closed = true;
        restore();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            reset(socket);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "fault proxy " + port() + " stopped accepting", e);
                }
                return;
            }
            Thread connector = new Thread(() -> connect(client), "fault-proxy-" + port() + "-conn");
            connector.setDaemon(true);
            connector.start();
        }
    }

    private void connect(Socket client) {
        open.add(client);
        if (!awaitPassable() || mode == Mode.CUT) {
            reset(client);
            return;
        }
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            reset(client);
            closeQuietly(server);
            return;
        }
        open.add(server);
        pipe(client, server, "up");
        pipe(server, client, "down");
    }

    private void pipe(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!awaitPassable()) {
                        break;
                    }
                    long delay = delayMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    if (mode == Mode.CUT) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away or the proxy reset the pair
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                reset(from);
                reset(to);
            }
        }, "fault-proxy-" + port() + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    /** Blocks while blackholed; false once the proxy is closed or the pair should end. */
    private boolean awaitPassable() {
        synchronized (gate) {
            while (mode == Mode.BLACKHOLE && !closed) {
                try {
                    gate.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !closed;
    }

    /** Closes with RST (linger 0), so the peer sees a reset instead of a clean end of stream. */
    private void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            // already gone
        }
        closeQuietly(socket);
        open.remove(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
