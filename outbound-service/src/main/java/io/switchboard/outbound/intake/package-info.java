/** What every consumer of outbound checks in a record before using it: bounds that make a record poison. */
package io.switchboard.outbound.intake;
