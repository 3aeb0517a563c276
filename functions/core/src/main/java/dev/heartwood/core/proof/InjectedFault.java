package dev.heartwood.core.proof;

/** The failure a {@link Tripwire} throws at its fault: it stands for a crash of the process at that point. */
public final class InjectedFault extends RuntimeException {

    private final transient Fault fault;

    public InjectedFault(Fault fault) {
        super("injected fault at " + fault);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
