/** The Lambda door: one function.zip whose {@code @Named} handlers parse an event, call one use case and map its outcome. */
package dev.heartwood.lambda;
