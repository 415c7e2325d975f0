-- How many rows cleanup_mark.sql marked: checked against the count the user confirmed.
SELECT count(*) FROM cleanup_doomed
