-- xreg schema, version 11 (issues 19 and 20): who a subscription delivers for.

-- The principal that created the subscription, as the auth module described it (user name, groups
-- and claims of its token; opaque JSON to storage). Delivery sends only the events this owner may
-- read under the policy in force at delivery time. Null: no restriction (created while
-- authentication was off, or before this migration, when only admins could create subscriptions).
ALTER TABLE event_subscription ADD COLUMN owner jsonb;
