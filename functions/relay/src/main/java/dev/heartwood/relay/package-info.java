/** The relay port over HTTP (docs/relay-protocol.md): {@code HttpRelay} speaks it, {@code RelayHttpServer} serves any relay with it. */
package dev.heartwood.relay;
