package dev.authplatform.auth.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP address that first stalls (accepts every connection and never greets) and then, once {@link #recover()}ed,
 * passes each new connection through to a working server. It keeps its port the whole time: closing a stalling
 * listener and starting the working server on the same port was a race (BindException, once in CI).
 */
final class StallingSmtpFront implements AutoCloseable {

    private final ServerSocket listener;
    private final int workingPort;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile boolean stalling = true;

    StallingSmtpFront(int port, int workingPort) {
        this.workingPort = workingPort;
        try {
            this.listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("stalling-smtp-front").start(this::acceptAll);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, connections reach the working server; those held so far are dropped. */
    void recover() throws IOException {
        stalling = false;
        for (Socket socket : held) {
            socket.close();
        }
    }

    private void acceptAll() {
        try {
            while (true) {
                Socket client = listener.accept();
                if (stalling) {
                    held.add(client); // accepted, never greeted
                } else {
                    passThrough(client);
                }
            }
        } catch (IOException closed) {
            // the test is done with it
        }
    }

    private void passThrough(Socket client) throws IOException {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), workingPort);
        Thread.ofVirtual().start(() -> copy(client, server));
        Thread.ofVirtual().start(() -> copy(server, client));
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // either side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        recover();
    }
}
