package io.drip.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real server (PostgreSQL, say) whose connections a test can cut: while
 * cut, open connections are reset and new ones are refused at once, as when the server restarts or
 * fails over. One thread per direction and connection; for tests only.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port that forwards to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        return new TcpProxy(host, port);
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * The proxy as a process, for scripts (bench/chaos-run.sh): {@code TcpProxy <host> <port>}
     * prints {@code port <n>}, then reads {@code cut} and {@code restore} lines from standard
     * input; it stops when the input ends.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TcpProxy <target host> <target port>");
            System.exit(2);
        }
        try (TcpProxy proxy = to(args[0], Integer.parseInt(args[1]));
                var commands = new BufferedReader(new InputStreamReader(System.in))) {
            System.out.println("port " + proxy.port());
            System.out.flush();
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                switch (line.trim()) {
                    case "cut" -> proxy.cut();
                    case "restore" -> proxy.restore();
                    default -> System.err.println("unknown command: " + line);
                }
            }
        }
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::reset);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException unreachable) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed or was reset: close the other
            } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST, not FIN: the peer sees the connection fail
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
