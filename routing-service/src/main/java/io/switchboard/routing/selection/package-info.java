/**
 * Who may take a conversation and who wins, as plain functions over a snapshot of the agents: the database then
 * decides whether the winner still has room (conditional update), and the next one is tried when not.
 */
package io.switchboard.routing.selection;
