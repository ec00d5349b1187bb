-- The customer as the agent sees them (issue 13): one profile per conversation key, from the Customer that routed
-- messages carry (identities as a JSON object: kind -> id), and one row per conversation episode (routing's
-- conversationId) with when it opened and closed and how, so an agent sees the customer's previous conversations.
-- Both follow a rekey (contact.identity-changed) with the conversation; retention and erasure remove them with it.
CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.customers (
    conversationKey varchar(255) NOT NULL PRIMARY KEY,
    channel varchar(255) NOT NULL,
    channelAccountId varchar(255) NOT NULL,
    externalUserId varchar(255),
    displayName varchar(255),
    username varchar(255),
    language varchar(255),
    identities jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(identities) = 'object'),
    firstContactAt timestamp(6) with time zone NOT NULL,
    lastContactAt timestamp(6) with time zone NOT NULL
);

CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.episodes (
    conversationId varchar(255) NOT NULL PRIMARY KEY,
    conversationKey varchar(255) NOT NULL,
    channel varchar(255) NOT NULL,
    queueId varchar(255),
    agentId varchar(255),
    openedAt timestamp(6) with time zone NOT NULL,
    closedAt timestamp(6) with time zone,
    outcome varchar(255),
    disposition varchar(255),
    reason text
);
CREATE INDEX IF NOT EXISTS episodes_conversation_key ON ${flyway:defaultSchema}.episodes (conversationKey, openedAt);
CREATE INDEX IF NOT EXISTS episodes_closed_at ON ${flyway:defaultSchema}.episodes (closedAt) WHERE closedAt IS NOT NULL;
