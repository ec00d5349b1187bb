/**
 * The transcript as the agent sees it: every inbound kind with its structured content (stored as JSON), the edits
 * and unsends marked on the message they change, and media by a link through agent-service.
 */
package io.switchboard.agent.transcript;
