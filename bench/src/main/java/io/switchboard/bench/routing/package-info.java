/** The routing benchmark: assignments per second and inbound → assigned latency of the packaged routing-service. */
package io.switchboard.bench.routing;
