package dev.switchboard.cli;

import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.policy.DefaultPolicy;
import dev.switchboard.policy.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads policy files (JSON, or YAML by extension) for the commands. */
final class PolicyFiles {
    private PolicyFiles() {}

    /** The policy in {@code file}, or the default policy when {@code file} is null. */
    static CompiledPolicy load(Path file) throws IOException, InvalidInputException {
        if (file == null) {
            return DefaultPolicy.get();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return PolicyDocument.compile(
                text, DocumentFormat.forFileName(file.getFileName().toString()), 1);
    }
}
