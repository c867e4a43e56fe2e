package dev.mnemo.replication.cluster;

import dev.mnemo.replication.transport.NodeName;

/** Turns what discovery returns (an address or a node name) into something the transport can dial. */
final class Seeds {
    private Seeds() {
    }

    /** {@code seed} as a dial target: itself if it is a node name, else any member at that address. */
    static String address(String seed) {
        String s = seed.trim();
        if (s.indexOf('@') < 0) {
            s = NodeName.ANY + "@" + s;
        }
        return NodeName.parse(s).toString();
    }
}
