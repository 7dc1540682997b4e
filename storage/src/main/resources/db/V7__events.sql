-- xreg schema, version 8: the change feed becomes the outbox of events (issue 20).

-- The top-level attribute names an update changed (events.md "data.changed"); null for
-- creates and deletes. A changed 'deprecated' sub-object adds 'deprecated.<name>' entries for
-- its own changed names (the *.deprecation events); a Registry update adds 'model',
-- 'modelsource' and 'capabilities.<name>' entries.
ALTER TABLE change_log ADD COLUMN changed text[];

-- Readers page through the feed by transaction (every event of one request together), in
-- (tx, seq) order; see dev.xreg.storage.feed.ChangeFeed for why tx and not seq.
CREATE INDEX change_log_tx ON change_log (tx, seq);

-- CloudEvents subscriptions (issue 20) and their delivery state. 'definition' is the
-- subscription as the Subscriptions API defines it (sink, protocol, filters...), checked by the
-- events module; the rest is the delivery's durable state: the last event delivered
-- (after_tx, after_index; index 2147483647 = the whole transaction), retry and dead-letter
-- state, and a lease so that one node at a time delivers a subscription's events.
CREATE TABLE event_subscription (
  id              text        PRIMARY KEY,
  definition      jsonb       NOT NULL,
  after_tx        xid8        NOT NULL,
  after_index     int         NOT NULL,
  status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deadletter')),
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  validated       boolean     NOT NULL DEFAULT false,
  delivered       bigint      NOT NULL DEFAULT 0,
  lease_owner     text,
  lease_until     timestamptz,
  createdat       timestamptz NOT NULL DEFAULT now(),
  modifiedat      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_subscription_due ON event_subscription (next_attempt_at) WHERE status = 'active';
