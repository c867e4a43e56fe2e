package dev.mnemo.replication.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic Raft simulation over many seeds. System properties: {@code raft.sim.seeds} (how many,
 * default 300), {@code raft.sim.firstSeed} (default 1), {@code raft.sim.ticks} (fault-phase ticks per seed,
 * default 3000), {@code raft.sim.seed} (replay exactly one seed, with a full trace printed).
 */
class RaftSimulationTest {
    static final String REPLAY = "mvn -B -q -pl replication -am test -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dtest=RaftSimulationTest -Draft.sim.seed=";

    @Test
    void safetyHoldsUnderFaultsAndTheClusterRecoversOnceHealed() {
        int ticks = Integer.getInteger("raft.sim.ticks", 3000);
        String single = System.getProperty("raft.sim.seed");
        if (single != null) {
            runSeed(Long.parseLong(single.trim()), ticks, true);
            return;
        }
        int seeds = Integer.getInteger("raft.sim.seeds", 300);
        long first = Long.getLong("raft.sim.firstSeed", 1L);
        long start = System.nanoTime();
        long acked = 0;
        long crashes = 0;
        long snapshots = 0;
        long confChanges = 0;
        for (long seed = first; seed < first + seeds; seed++) {
            Simulation.Stats stats = runSeed(seed, ticks, false);
            acked += stats.acked();
            crashes += stats.crashes();
            snapshots += stats.snapshotsSent();
            confChanges += stats.confChanges();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("raft simulation: %d seeds x %d ticks in %d ms; %d acknowledged proposals, %d crashes,"
                + " %d snapshots sent, %d membership changes%n", seeds, ticks, millis, acked, crashes, snapshots,
                confChanges);
        assertThat(acked).as("the simulation made progress").isGreaterThan(seeds);
    }

    private static Simulation.Stats runSeed(long seed, int ticks, boolean printTrace) {
        Simulation sim = new Simulation(seed, printTrace);
        try {
            return sim.run(ticks);
        } catch (Throwable failure) {
            String report = "Raft simulation failed for seed " + seed + ": " + failure + "\n"
                    + "options: " + sim.options() + "\n"
                    + "last events:\n" + sim.recentTrace() + "\n"
                    + "replay with: " + REPLAY + seed;
            System.err.println(report);
            throw new AssertionError("seed " + seed + " failed: " + failure.getMessage() + "\nreplay with: "
                    + REPLAY + seed, failure);
        }
    }
}
