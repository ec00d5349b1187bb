/**
 * The outbound pacing benchmark: one WhatsApp sender offered more than its rate limit, another a trickle, through the
 * packaged outbound-service against a stand-in Graph API that timestamps every send (see bench/README.md, Outbound).
 */
package io.switchboard.bench.outbound;
