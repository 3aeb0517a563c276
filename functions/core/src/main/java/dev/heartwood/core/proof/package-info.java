/** Proof: fault injection around the ports and the scenarios that measure duplicates, losses and stuck work. */
package dev.heartwood.core.proof;
