/** Memory: the agent's markdown files, its chat history, the context rebuilt from them, and what may never be written there. */
package dev.heartwood.core.memory;
