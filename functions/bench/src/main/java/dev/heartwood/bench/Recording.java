package dev.heartwood.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The AWS calls of one piece of work (a heartbeat, a context rebuild), in the order they finished. */
record Recording(List<RecordedRequest> requests) {

    Recording {
        requests = List.copyOf(requests);
    }

    int count() {
        return requests.size();
    }

    /**
     * The critical-path depth: the most calls that ran one after another, each starting only once
     * the one before it had finished. Calls that overlap in time are in the same wave, so a wave of
     * parallel reads counts once however many reads it holds.
     */
    int waves() {
        return depths().values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Each wave's calls, e.g. {@code ["DynamoDB.UpdateItem", "S3.GetObject + DynamoDB.Query", …]}. */
    List<String> waveOutline() {
        Map<RecordedRequest, Integer> depths = depths();
        Map<Integer, List<String>> byWave = new TreeMap<>();
        requests.stream().sorted(Comparator.comparingLong(RecordedRequest::startNanos))
                .forEach(r -> byWave.computeIfAbsent(depths.get(r), d -> new ArrayList<>()).add(r.type()));
        return byWave.values().stream().map(types -> String.join(" + ", types)).toList();
    }

    /** Calls per {@code Service.Operation}, sorted by name. */
    Map<String, Long> byType() {
        return requests.stream().collect(Collectors.groupingBy(RecordedRequest::type, TreeMap::new, Collectors.counting()));
    }

    /** DynamoDB capacity units the calls of this operation consumed. */
    double capacityUnits(String type) {
        return requests.stream().filter(r -> r.type().equals(type)).mapToDouble(RecordedRequest::capacityUnits).sum();
    }

    /** How long at least one call was in flight: the wall time spent waiting on AWS, overlaps counted once. */
    long busyNanos() {
        List<RecordedRequest> byStart = requests.stream().sorted(Comparator.comparingLong(RecordedRequest::startNanos)).toList();
        long busy = 0;
        long from = Long.MIN_VALUE;
        long to = Long.MIN_VALUE;
        for (RecordedRequest r : byStart) {
            if (r.startNanos() > to) {
                busy += to - from;
                from = r.startNanos();
                to = r.endNanos();
            } else {
                to = Math.max(to, r.endNanos());
            }
        }
        return byStart.isEmpty() ? 0 : busy + (to - from);
    }

    /** Longest chain ending in each call, by dynamic programming over the calls sorted by start. */
    private Map<RecordedRequest, Integer> depths() {
        List<RecordedRequest> byStart = requests.stream().sorted(Comparator.comparingLong(RecordedRequest::startNanos)).toList();
        Map<RecordedRequest, Integer> depth = new java.util.IdentityHashMap<>();
        for (RecordedRequest r : byStart) {
            int before = 0;
            for (RecordedRequest q : byStart) {
                if (q.startNanos() >= r.startNanos()) {
                    break;
                }
                if (q.endNanos() <= r.startNanos()) {
                    before = Math.max(before, depth.get(q));
                }
            }
            depth.put(r, before + 1);
        }
        return depth;
    }
}
