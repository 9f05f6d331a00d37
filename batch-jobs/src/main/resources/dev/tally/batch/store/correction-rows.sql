-- The correction rows staged for a day.
SELECT count() FROM duplicate_corrections WHERE day = toDate(:day)
