-- Canned replies supervisors manage (issue 13): a title and a text with placeholders ({{customer.name|there}}),
-- optionally only for one queue and/or channel (the channel's wire name). Not customer data: erasure leaves them.
CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.canned_replies (
    id varchar(255) NOT NULL PRIMARY KEY,
    title varchar(255) NOT NULL,
    text text NOT NULL,
    queueId varchar(255),
    channel varchar(255),
    createdBy varchar(255) NOT NULL,
    createdAt timestamp(6) with time zone NOT NULL,
    updatedAt timestamp(6) with time zone NOT NULL
);
