/** Webhook: parses, authenticates and validates an incoming turn request before anything is written. */
package dev.heartwood.core.webhook;
