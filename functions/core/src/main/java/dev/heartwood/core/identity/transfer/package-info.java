/** Moving an agent's key between accounts and regions as an age file, so it is never in plaintext on the way. */
package dev.heartwood.core.identity.transfer;
