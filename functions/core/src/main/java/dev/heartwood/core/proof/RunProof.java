package dev.heartwood.core.proof;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The reliability proof as one use case: crash at every step, duplicate storm, timeout, partial
 * batch, hostile input and planted secrets, each measured and reported with its figures. A
 * failing seed is reported with the command that runs it again.
 */
public final class RunProof {

    /**
     * What to run.
     *
     * @param seeds the seeds every seeded scenario runs with
     * @param boundaries run only the crash scenarios, at these boundaries (to reproduce a failing seed);
     *     empty: every scenario at every boundary
     * @param secretsPerType secrets planted per detector type and path
     * @param invalidEvents the files of {@code events/invalid/} by name, the hostile-input corpus
     * @param killed run crash at every step with killed processes too, for these seeds (none: not at all)
     */
    public record Command(List<Long> seeds, List<Boundary> boundaries, int secretsPerType,
            Map<String, String> invalidEvents, List<Long> killed) {

        public Command {
            seeds = List.copyOf(seeds);
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("the proof needs at least one seed");
            }
            boundaries = List.copyOf(boundaries);
            if (secretsPerType < 1) {
                throw new IllegalArgumentException("secrets per type must be at least 1, got " + secretsPerType);
            }
            invalidEvents = Map.copyOf(invalidEvents);
            killed = List.copyOf(killed);
        }
    }

    private final ProofSite site;
    private final Optional<KillableHomes> homes;
    private final Consumer<String> progress;
    private final AtomicInteger agents = new AtomicInteger();

    /** A proof without the killed-process mode. */
    public RunProof(ProofSite site, Consumer<String> progress) {
        this(site, Optional.empty(), progress);
    }

    /** @param homes where heartbeats run as processes that can be killed */
    public RunProof(ProofSite site, KillableHomes homes, Consumer<String> progress) {
        this(site, Optional.of(homes), progress);
    }

    private RunProof(ProofSite site, Optional<KillableHomes> homes, Consumer<String> progress) {
        this.site = Objects.requireNonNull(site, "site");
        this.homes = homes;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public ProofReport run(Command command) {
        try (LogCapture logs = new LogCapture()) {
            return run(command, logs);
        }
    }

    private ProofReport run(Command command, LogCapture logs) {
        Instant started = Instant.now();
        List<String> printed = new ArrayList<>();
        Consumer<String> progress = line -> {
            printed.add(line);
            this.progress.accept(line);
        };
        List<ProofReport.Line> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Boundary> boundaries = command.boundaries().isEmpty() ? Arrays.asList(Boundary.values()) : command.boundaries();
        Rehearsal rehearsal = new Rehearsal(site, agents);
        progress.accept("crash at every step: " + boundaries.size() + " boundaries × 2 sides × " + command.seeds().size()
                + " seeds on " + site.description());
        lines.add(new CrashAtEveryStep(rehearsal, progress).run(command.seeds(), boundaries, failures));
        if (!command.killed().isEmpty()) {
            progress.accept("crash at every step with killed processes: " + boundaries.size() + " boundaries × 2 sides × "
                    + command.killed().size() + " seeds");
            lines.add(homes.map(h -> new KilledProcess(site, rehearsal, h, progress).run(command.killed(), boundaries, failures))
                    .orElse(new ProofReport.Line("crash at every step (killed process)", false,
                            "not run: this installation cannot start heartbeats as processes of their own")));
        }
        if (command.boundaries().isEmpty()) {
            progress.accept("duplicate storm");
            lines.add(new DuplicateStorm(site, rehearsal).run(command.seeds(), failures));
            progress.accept("timeout");
            lines.add(new HeartbeatTimeout(site, rehearsal).run(command.seeds(), failures));
            progress.accept("partial batch");
            lines.add(new PartialBatch(site, rehearsal).run(command.seeds(), failures));
            progress.accept("hostile input");
            lines.add(new HostileInput(site, rehearsal).run(command.seeds(), command.invalidEvents(), failures));
            progress.accept("secrets");
            lines.add(new PlantedSecrets(site, rehearsal, () -> {
                List<String> all = new ArrayList<>(logs.lines());
                all.addAll(printed);
                lines.forEach(l -> all.add(l.toString()));
                all.addAll(failures);
                return all;
            }).run(command.seeds(), command.secretsPerType(), failures));
        }
        return new ProofReport(lines, failures, Duration.between(started, Instant.now()));
    }
}
