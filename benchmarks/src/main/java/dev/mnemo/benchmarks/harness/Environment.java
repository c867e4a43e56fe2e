package dev.mnemo.benchmarks.harness;

import dev.mnemo.benchmarks.JvmFlags;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine and JVM a run measured on, recorded with the results so that numbers are never read without them:
 * JDK, JVM arguments (and which of Mnemo's required flags are missing), CPU model and cores, memory, and the
 * load average, since a busy machine makes every number worse.
 */
public record Environment(String jdk, String vm, String os, String cpuModel, int cores, long memoryBytes,
                          long maxHeapBytes, List<String> jvmArguments, List<String> missingFlags,
                          String loadAverageAtStart, Instant startedAt) {
    public static Environment capture() {
        Runtime rt = Runtime.getRuntime();
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = new ArrayList<>();
        for (String flag : JvmFlags.all()) {
            if (!args.contains(flag)) {
                missing.add(flag);
            }
        }
        return new Environment(
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                readCpuModel(), rt.availableProcessors(), physicalMemory(), rt.maxMemory(), List.copyOf(args),
                List.copyOf(missing), loadAverage(), Instant.now());
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through to what the JVM knows.
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }

    private static long physicalMemory() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        }
        return -1;
    }

    /** The 1, 5 and 15 minute load averages, or what the JVM can tell. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }
}
