-- Values of one column (chosen from a fixed list) starting with a prefix, ignoring case.
SELECT ${column} AS v, count(*) AS n
FROM log_record
WHERE ${column} IS NOT NULL AND starts_with(lower(${column}), lower(?))
GROUP BY v
ORDER BY n DESC, v
LIMIT ?
