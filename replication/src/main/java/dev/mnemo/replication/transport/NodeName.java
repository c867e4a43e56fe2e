package dev.mnemo.replication.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node name such as {@code a@127.0.0.1:7001}: a short name, then the host and port where the node listens for
 * peers. An IPv6 host is written in brackets ({@code a@[::1]:7001}).
 */
public record NodeName(String name, String host, int port) {
    private static final int NAME_CHARS_MAX = 255;
    private static final Pattern FORM =
            Pattern.compile("([A-Za-z0-9_.-]+|\\*)@(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.-]+):([0-9]{1,5})");

    public NodeName {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 1..65535: " + port);
        }
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the expected form if it is not one. */
    public static NodeName parse(String text) {
        Matcher m = text.length() <= NAME_CHARS_MAX ? FORM.matcher(text) : null;
        int port = m != null && m.matches() ? Integer.parseInt(m.group(3)) : 0;
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a node name of the form name@host:port: \"" + text + "\"");
        }
        String host = m.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new NodeName(m.group(1), host, port);
    }

    /** The name part that stands for whichever member listens at an address ({@code *@host:port}). */
    public static final String ANY = "*";

    /**
     * A dial target for a seed known only by its address: the transport accepts whatever member answers there (it
     * still has to prove the cookie) and learns its name from the handshake.
     */
    public static NodeName any(String host, int port) {
        return new NodeName(ANY, host, port);
    }

    /** Whether this names any member at its address rather than one member. */
    public boolean isAny() {
        return ANY.equals(name);
    }

    /** Whether {@code text} is a well-formed node name. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Where the node listens for peers, {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return name + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
