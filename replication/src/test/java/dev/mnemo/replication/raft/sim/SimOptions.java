package dev.mnemo.replication.raft.sim;

import java.util.SplittableRandom;

/**
 * The shape of one simulated run, drawn from its seed so that different seeds explore different clusters and
 * fault mixes. Rates are per simulated tick.
 */
record SimOptions(
        int initialVoters,
        int nodeIdsMax,
        boolean preVote,
        boolean checkQuorum,
        int heartbeatTicks,
        int inflightAppendsMax,
        long appendBytesMax,
        SimNetwork.Faults networkFaults,
        double crashRate,
        double leaderCrashRate,
        double restartRate,
        double bounceRate,
        double partitionRate,
        double leaderIsolationRate,
        double partitionHealRate,
        double proposeRate,
        double confChangeRate,
        double transferRate,
        double readRate,
        double compactRate,
        double syncRate) {

    static final int ELECTION_TICKS = 10;

    static SimOptions draw(SplittableRandom r) {
        return new SimOptions(
                r.nextDouble() < 0.7 ? 3 : 5,
                7,
                r.nextDouble() < 0.85,
                r.nextDouble() < 0.85,
                r.nextInt(1, 3),
                r.nextInt(1, 9),
                r.nextLong(60, 2000),
                new SimNetwork.Faults(r.nextDouble(0, 0.15), r.nextDouble(0, 0.1), r.nextInt(0, 5)),
                r.nextDouble(0.001, 0.01),
                r.nextDouble(0, 0.01),
                r.nextDouble(0.02, 0.1),
                r.nextDouble(0, 0.03),
                r.nextDouble(0.002, 0.01),
                r.nextDouble(0, 0.01),
                r.nextDouble(0.01, 0.05),
                r.nextDouble(0.2, 0.8),
                r.nextDouble(0.002, 0.01),
                r.nextDouble(0, 0.004),
                r.nextDouble(0, 0.05),
                r.nextDouble(0, 0.02),
                r.nextDouble(0.4, 0.95));
    }
}
