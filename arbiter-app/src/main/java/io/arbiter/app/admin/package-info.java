/**
 * {@code arbiter admin}: the operator's command-line client of a node's admin HTTP API (instruments, funds, fees,
 * limits, the kill switch and account queries).
 */
package io.arbiter.app.admin;
