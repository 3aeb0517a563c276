package dev.heartwood.cli;

import dev.heartwood.core.identity.transfer.AgeIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where an age identity comes from: a file, or (with --aws) a Secrets Manager secret. Never the command line. */
final class AgeIdentitySource {

    @Option(names = "--identity", paramLabel = "FILE", description = "An age identity file (AGE-SECRET-KEY-1...).")
    Path file;

    @Option(names = "--identity-secret", paramLabel = "NAME",
            description = "With --aws: a Secrets Manager secret holding the age identity.")
    String secret;

    AgeIdentity read(CliRuntime runtime) throws IOException {
        String text = file != null ? Files.readString(file, StandardCharsets.UTF_8) : runtime.secretText(secret);
        return AgeIdentity.parse(text);
    }
}
