-- unread_times: the distinct time texts parts.sql could not read (offsets, fractions of a
-- second, typos): read once each by the project's parser.
SELECT DISTINCT unread AS time FROM parts WHERE unread IS NOT NULL
