package dev.heartwood.core.memory;

/** Who said a chat row. */
public enum ChatRole {
    USER, ASSISTANT, SYSTEM, TOOL
}
