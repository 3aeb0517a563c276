/** The embedded default: every store as files under one home directory, for running an agent on one machine. */
package dev.heartwood.local;
