/**
 * Deliberate violations of the engine's architecture rules, used only to prove that {@code EngineArchitectureTest}
 * catches them. Nothing here is engine code.
 */
package io.arbiter.engine.archfixture;
