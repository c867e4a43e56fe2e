package dev.mnemo.replication.transport;

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
 * A TCP relay on 127.0.0.1 that can fall silent: from then on it keeps every connection open but passes nothing
 * either way, neither bytes nor a close, as a peer that lost power or a route that dropped away would.
 */
final class SilentProxy implements AutoCloseable {
    private static final int BUFFER_BYTES = 16 * 1024;

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    SilentProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("silent-proxy-accept", this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Passes nothing more, on the connections open now and on later ones. */
    void fallSilent() {
        silent = true;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket in = listener.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(in);
                sockets.add(out);
                daemon("silent-proxy-up", () -> relay(in, out));
                daemon("silent-proxy-down", () -> relay(out, in));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream input = from.getInputStream()) {
            OutputStream output = to.getOutputStream();
            int read;
            while ((read = input.read(buffer)) >= 0) {
                if (!silent) {
                    output.write(buffer, 0, read);
                }
            }
            if (!silent) {
                to.shutdownOutput();
            }
        } catch (IOException closed) {
            // One side is gone or the proxy is closing: this direction is over.
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
