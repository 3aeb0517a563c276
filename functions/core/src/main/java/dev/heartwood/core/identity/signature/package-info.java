/** HTTP Message Signatures (RFC 9421, Ed25519) and Content-Digest (RFC 9530) for the messages agents send each other. */
package dev.heartwood.core.identity.signature;
