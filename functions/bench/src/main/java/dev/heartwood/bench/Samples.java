package dev.heartwood.bench;

import java.util.Arrays;
import java.util.List;

/** Durations in nanoseconds and their percentiles. */
record Samples(long[] nanos) {

    Samples {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    static Samples of(List<Long> values) {
        return new Samples(values.stream().mapToLong(Long::longValue).toArray());
    }

    /** Nearest-rank percentile, in milliseconds. */
    double percentileMillis(double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    int size() {
        return nanos.length;
    }
}
