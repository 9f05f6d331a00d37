package dev.tally.bench.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used by named processes (each with its descendants, e.g. PostgreSQL's backends) between
 * two readings. Unlike wall time on a shared machine, CPU time per event does not depend on what
 * else runs beside the benchmark.
 */
final class CpuTime {

  private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();

  /** @param pids name to pid, e.g. {@code clickhouse=123}; unknown or ended pids are left out */
  CpuTime(Map<String, Long> pids) {
    pids.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(p -> processes.put(name, p)));
  }

  /** Parses {@code name=pid,name=pid}; an empty or missing pid is left out. */
  static CpuTime of(String spec) {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] nameAndPid = part.split("=", 2);
      if (nameAndPid.length == 2 && nameAndPid[1].matches("\\d+")) {
        pids.put(nameAndPid[0].trim(), Long.parseLong(nameAndPid[1]));
      }
    }
    return new CpuTime(pids);
  }

  /** CPU milliseconds used so far by each process and its descendants. */
  Map<String, Long> read() {
    Map<String, Long> millis = new LinkedHashMap<>();
    processes.forEach((name, process) -> millis.put(name, cpuMillis(process)));
    return millis;
  }

  /** CPU milliseconds of {@code process} and its descendants that are alive now. */
  static long cpuMillis(ProcessHandle process) {
    return Stream.concat(Stream.of(process), process.descendants())
        .map(p -> p.info().totalCpuDuration())
        .flatMap(Optional::stream)
        .mapToLong(Duration::toMillis)
        .sum();
  }

  /** {@code after - before} per name. */
  static Map<String, Long> used(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> used = new LinkedHashMap<>();
    after.forEach((name, millis) -> used.put(name, millis - before.getOrDefault(name, 0L)));
    return used;
  }
}
