/**
 * One cluster member: media driver, archive, consensus module and the engine service, from one configuration file.
 */
package io.arbiter.cluster.node;
