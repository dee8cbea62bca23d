-- unread_times: the distinct time texts parts.sql could not read (offsets, fractions of a
-- second, typos): read once each by the project's parser.
SELECT DISTINCT time FROM parts WHERE time <> '' AND days IS NULL
