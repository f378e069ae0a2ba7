package io.nextops.server.db;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend protocol the driver sends and records what reaches the
 * server: {@code "TRIP"} when the client sends again after the server answered (one round trip, however many
 * pipelined messages it holds), {@code Query} ('Q'), {@code Sync} ('S') and {@code Parse} ('P', the SQL text of a
 * statement not yet prepared on the connection; a reused server-prepared statement sends none). What the pool, the driver and Jdbi
 * send on their own (isolation queries, session settings) shows up here like the application's statements.
 * Connect with {@code sslmode=disable}. Thread-safe.
 */
public final class PgWireCounter implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<String> events = new ArrayList<>();
    private final Thread acceptor;
    private volatile long lastEventNanos = System.nanoTime();

    public PgWireCounter(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "pg-wire-counter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The number of events so far; pass it to {@link #since} later. */
    public synchronized int mark() {
        return events.size();
    }

    /**
     * Events after {@code mark}: {@code "TRIP"}, {@code "SYNC"}, {@code "QUERY <sql>"} and {@code "PARSE <sql>"},
     * once the wire has been quiet for 150 ms.
     */
    public List<String> since(int mark) throws InterruptedException {
        while (System.nanoTime() - lastEventNanos < 150_000_000L) {
            Thread.sleep(20);
        }
        synchronized (this) {
            return List.copyOf(events.subList(mark, events.size()));
        }
    }

    /** Round trips among {@code events}. */
    public static long roundTrips(List<String> events) {
        return events.stream().filter(e -> e.equals("TRIP")).count();
    }

    private synchronized void record(String event) {
        events.add(event);
        lastEventNanos = System.nanoTime();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                // set when the server has sent bytes since the client's last message: the next one starts a trip
                AtomicBoolean serverSpoke = new AtomicBoolean(true);
                start(() -> frontend(client, server, serverSpoke));
                start(() -> backend(server, client, serverSpoke));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "pg-wire-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Client to server: copies every message and records the ones that matter. */
    private void frontend(Socket client, Socket server, AtomicBoolean serverSpoke) {
        try (client; server) {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(client.getInputStream(), 65536));
            OutputStream out = new java.io.BufferedOutputStream(server.getOutputStream(), 65536);
            boolean startup = true;
            while (startup) { // untyped: SSL / GSS requests, then the startup message
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                out.write(int32(length));
                out.write(body);
                out.flush();
                int code = length >= 8 ? ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8)
                        | (body[3] & 0xff) : 0;
                startup = code == SSL_REQUEST || code == GSS_REQUEST;
            }
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (serverSpoke.getAndSet(false)) {
                    record("TRIP");
                }
                switch (type) {
                    case 'S' -> record("SYNC");
                    case 'Q' -> record("QUERY " + cstring(body, 0));
                    case 'P' -> record("PARSE " + cstring(body, cstring(body, 0).getBytes(StandardCharsets.UTF_8).length + 1));
                    default -> { }
                }
                out.write(type);
                out.write(int32(length));
                out.write(body);
                if (in.available() == 0) { // forward a pipelined burst whole, as the driver sent it
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // connection closed
        } catch (IOException e) {
            // closed by either side
        }
    }

    /** Server to client: copies bytes and notes that the server answered. */
    private void backend(Socket from, Socket to, AtomicBoolean serverSpoke) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) >= 0) {
                serverSpoke.set(true);
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by either side
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    private static String cstring(byte[] body, int from) {
        int end = from;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return new String(body, from, end - from, StandardCharsets.UTF_8);
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
