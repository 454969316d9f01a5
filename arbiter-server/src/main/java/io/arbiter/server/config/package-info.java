/**
 * Loading the node's configuration file (Java properties) into a {@code ServerContext}, with errors that name the
 * offending key.
 */
package io.arbiter.server.config;
