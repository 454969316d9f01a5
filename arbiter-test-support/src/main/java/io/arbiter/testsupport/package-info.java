/**
 * Shared test support: a third-party-style wire client ({@link io.arbiter.testsupport.TestClient}), a stand-in server
 * for testing clients ({@link io.arbiter.testsupport.FakeArbiterServer}), plain HTTP calls
 * to a node's admin endpoint ({@link io.arbiter.testsupport.AdminHttp}) and a Prometheus text reader
 * ({@link io.arbiter.testsupport.Exposition}). Test code only: these classes produce garbage and are not tuned.
 */
package io.arbiter.testsupport;
