-- Compiles a pattern without touching data, so a bad one is reported as bad input.
SELECT regexp_matches('', ?)
