/** Channel accounts paused after errors that block the whole account, until an operator resumes them. */
package io.switchboard.outbound.account;
