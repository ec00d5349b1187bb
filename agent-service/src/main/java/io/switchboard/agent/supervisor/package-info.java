/**
 * What supervisors see and do (issue 13, docs/agent-api.md "Supervisors"): every queue's figures from routing,
 * every agent's presence, load and conversations, and actions on any conversation.
 */
package io.switchboard.agent.supervisor;
