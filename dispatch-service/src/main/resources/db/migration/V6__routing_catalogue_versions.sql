-- The routing catalogue is versioned: a rule takes effect at a moment, so changes can be loaded
-- ahead and previewed, and only cases routed after that moment follow them.
ALTER TABLE routing_rule ADD COLUMN effective_from TIMESTAMPTZ NOT NULL DEFAULT '1970-01-01T00:00:00Z';
DROP INDEX routing_rule_scope;
CREATE UNIQUE INDEX routing_rule_scope
    ON routing_rule (category_code, COALESCE(district_code, '*'), effective_from);
