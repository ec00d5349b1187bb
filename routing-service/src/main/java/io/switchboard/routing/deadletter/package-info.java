/** Input records routing cannot read or apply, set aside with the reason so consumers keep going. */
package io.switchboard.routing.deadletter;
