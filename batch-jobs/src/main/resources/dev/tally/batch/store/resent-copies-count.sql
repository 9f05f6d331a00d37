-- How many of the closed day's events count on another day (resent_copies).
SELECT count() FROM resent_copies WHERE day = toDate(:day)
