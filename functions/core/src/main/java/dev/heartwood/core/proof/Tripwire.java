package dev.heartwood.core.proof;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts a heartbeat's calls to each {@link Boundary} and, at the armed {@link Fault}, pulls the
 * {@link Trigger}: throws, halts the process, or freezes the calling thread. It fires once.
 */
public final class Tripwire {

    /** What happens at the fault. */
    @FunctionalInterface
    public interface Trigger {
        void fire(Fault fault);
    }

    private final Optional<Fault> armed;
    private final Trigger trigger;
    private final Map<Boundary, Integer> hits = new EnumMap<>(Boundary.class);
    private final AtomicBoolean fired = new AtomicBoolean();

    private Tripwire(Optional<Fault> armed, Trigger trigger) {
        this.armed = armed;
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    /** Counts and never fires: the fault-free reference run. */
    public static Tripwire counting() {
        return new Tripwire(Optional.empty(), fault -> { });
    }

    public static Tripwire armed(Fault fault, Trigger trigger) {
        return new Tripwire(Optional.of(fault), trigger);
    }

    /** Throws {@link InjectedFault} at the fault: an in-process stand-in for a crash. */
    public static Tripwire throwing(Fault fault) {
        return armed(fault, f -> {
            throw new InjectedFault(f);
        });
    }

    /** Called by a decorator before it calls the port; returns this call's number for {@link #after}. */
    int before(Boundary boundary) {
        int hit;
        synchronized (hits) {
            hit = hits.merge(boundary, 1, Integer::sum);
        }
        check(boundary, hit, Fault.Phase.BEFORE);
        return hit;
    }

    /** Called by a decorator once the port call returned normally. */
    void after(Boundary boundary, int hit) {
        check(boundary, hit, Fault.Phase.AFTER);
    }

    private void check(Boundary boundary, int hit, Fault.Phase phase) {
        if (armed.isPresent() && armed.get().equals(new Fault(boundary, hit, phase)) && fired.compareAndSet(false, true)) {
            trigger.fire(armed.get());
        }
    }

    /** How often the heartbeats called {@code boundary} so far. */
    public int hits(Boundary boundary) {
        synchronized (hits) {
            return hits.getOrDefault(boundary, 0);
        }
    }

    public boolean fired() {
        return fired.get();
    }

    public Optional<Fault> fault() {
        return armed;
    }
}
