/**
 * agent-service: the agent directory, presence and the agents' front-end API. It owns agents and presence and
 * publishes their full state; routing-service alone decides assignments, so agent actions are requests to it.
 */
package io.switchboard.agent;
