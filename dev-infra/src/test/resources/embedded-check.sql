-- A small migration the embedded-server test runs through JDBC, one statement per ';'.
CREATE TABLE conversation_probe (
    id          bigint PRIMARY KEY,
    reference   varchar(64) NOT NULL UNIQUE,
    opened_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO conversation_probe (id, reference) VALUES (1, 'wa:106540352242922:16505551234');
INSERT INTO conversation_probe (id, reference) VALUES (2, 'fb:1049387362841023:7000');
