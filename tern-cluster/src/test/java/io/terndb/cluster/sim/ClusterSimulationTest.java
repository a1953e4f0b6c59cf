package io.terndb.cluster.sim;

import org.junit.jupiter.api.Test;

/**
 * Runs the cluster simulator over many seeds: {@code sim.seeds} of them (200 in the build) from {@code sim.firstSeed}
 * (1 in the build, so CI is repeatable); {@code bench/simulate.sh} runs thousands. {@link #replay} runs the one seed
 * given by {@code sim.seed}, which a failure prints.
 */
class ClusterSimulationTest {

    private static Simulation.Shape shapeFor(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5EED);
        return new Simulation.Shape(3 + random.nextInt(3), 2 + random.nextInt(3), random.nextBoolean(),
                random.nextInt(3) * 0.02);
    }

    @Test
    void manySeedsKeepEveryInvariant() {
        long first = Long.getLong("sim.firstSeed", 1);
        int count = Integer.getInteger("sim.seeds", 40);
        for (long seed = first; seed < first + count; seed++) {
            Simulation simulation = new Simulation(seed, shapeFor(seed));
            simulation.run();
            System.out.println(simulation.summary());
        }
    }

    /** More nodes than the original's Community edition allows (8): no size cap anywhere in the protocols. */
    @Test
    void twelveNodesKeepEveryInvariant() {
        for (long seed = 1; seed <= 3; seed++) {
            Simulation simulation = new Simulation(seed, new Simulation.Shape(12, 4, seed % 2 == 0, 0.02));
            simulation.run();
            System.out.println(simulation.summary());
        }
    }

    @Test
    void replay() {
        Long seed = Long.getLong("sim.seed");
        if (seed == null) {
            return;
        }
        Simulation simulation = new Simulation(seed, shapeFor(seed));
        simulation.run();
        System.out.println(simulation.summary());
    }
}
