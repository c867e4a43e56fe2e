package dev.mnemo.replication.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seeds from DNS: every address a name resolves to, on one port. This is what a Kubernetes headless service gives
 * (one A record per ready pod). Resolution happens on every call, so members that appear later are found; a name
 * that does not resolve (yet) yields no seeds rather than an error.
 */
public record DnsDiscovery(String dnsName, int port) implements Discovery {
    public DnsDiscovery {
        Objects.requireNonNull(dnsName, "dnsName");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        }
    }

    @Override
    public List<String> seeds() {
        try {
            List<String> seeds = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(dnsName)) {
                String host = a.getHostAddress();
                seeds.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
            }
            return seeds;
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
