/** The model port over provider HTTP APIs: {@code OpenAiCompatibleModelClient} speaks OpenAI's chat completions. */
package dev.heartwood.models;
