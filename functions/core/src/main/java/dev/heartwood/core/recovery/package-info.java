/** Recovery: the backup format (an age-encrypted tar beside a signed manifest), sealing and opening it all-or-nothing. */
package dev.heartwood.core.recovery;
