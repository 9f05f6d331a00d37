-- Drops one day's list of resent copies: its partition (the day) of resent_copies.
ALTER TABLE resent_copies DROP PARTITION :day
