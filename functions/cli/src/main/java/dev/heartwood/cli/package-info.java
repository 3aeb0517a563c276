/** The {@code heartwood} command line: a thin door into the core use cases, on the local or the AWS adapters. */
package dev.heartwood.cli;
