// The person actors already in the store, for ingest to resolve short-form
// names ("President Ferraz") of new articles to them.
MATCH (a:Actor)
WHERE a.kind = 'person'
RETURN a.name AS name, a.country AS country, a.aliases AS aliases
ORDER BY name
