/**
 * JMH study of the gateway-to-matching hand-off: ArrayBlockingQueue, the Disruptor and Agrona's
 * ManyToOneConcurrentArrayQueue with one and two producers and one consumer.
 */
package io.arbiter.bench.queue;
