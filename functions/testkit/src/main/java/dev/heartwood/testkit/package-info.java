/** Real AWS emulators (Floci, moto, DynamoDB Local) for integration tests, behind one JUnit extension. */
package dev.heartwood.testkit;
