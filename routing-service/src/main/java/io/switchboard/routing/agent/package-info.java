/** routing's own view of the agents, projected from the compacted agents topic (routing never asks agent-service). */
package io.switchboard.routing.agent;
