-- A session's conversion value in the major unit of its currency: DECIMAL(10,2) held at most
-- 99,999,999.99, so one ordinary order in a currency with a small unit (150,000,000 VND) overflowed
-- it. NUMERIC(21,2) holds any amount the event model carries (a long of minor units).
ALTER TABLE user_sessions ALTER COLUMN conversion_value TYPE NUMERIC(21,2);
