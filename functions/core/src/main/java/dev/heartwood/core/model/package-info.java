/** Model: the one call an agent makes to a language model, and which provider and model answer it. */
package dev.heartwood.core.model;
