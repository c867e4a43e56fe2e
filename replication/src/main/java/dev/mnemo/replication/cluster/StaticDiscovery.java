package dev.mnemo.replication.cluster;

import java.util.List;

/** A fixed list of seeds, as given on the command line ({@code --join b@127.0.0.1:7002}). */
public record StaticDiscovery(List<String> seeds) implements Discovery {
    public StaticDiscovery {
        seeds = List.copyOf(seeds);
        for (String s : seeds) {
            Seeds.address(s); // validates
        }
    }
}
