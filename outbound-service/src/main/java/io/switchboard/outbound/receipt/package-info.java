/** Delivery receipts merged monotonically into the deliveries and published as results. */
package io.switchboard.outbound.receipt;
