/**
 * Customer erasure (issue 14, docs/privacy.md "Erasure"): {@code POST /admin/erasures} records the request, erases
 * agent-service's own rows and publishes the request to the other services in one transaction; their results make
 * up the status of {@code GET /admin/erasures/{id}}.
 */
package io.switchboard.agent.erasure;
