-- One move of a partner's statements at a time, whatever the period or its type: two approvals of
-- overlapping periods (a month and its quarter) each check that the other is not approved, and
-- without this lock both could pass their check before either commits.
SELECT pg_advisory_xact_lock(hashtext('tally-statements'), hashtext(:partner_id))
