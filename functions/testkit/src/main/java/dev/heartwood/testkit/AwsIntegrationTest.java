package dev.heartwood.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against an AWS-compatible endpoint. Its constructor, lifecycle and
 * test methods may then declare an {@link AwsEmulator} parameter; see {@link AwsEmulatorExtension}
 * for which endpoint that is.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AwsEmulatorExtension.class)
public @interface AwsIntegrationTest {}
