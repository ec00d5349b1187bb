/** The agent directory: profile, languages, skills with proficiency and capacity per channel. */
package io.switchboard.agent.directory;
