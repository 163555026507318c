// name: profile
// title: Profile of an entity
// description: Everything about one entity: its label, role, country, aliases, and every fact and
// description: structural relationship it takes part in, with direction, date and number of sources.
// param: name  string  'Donald Trump'  an entity: a name or alias
MATCH (e)
WHERE (e:Actor OR e:Country OR e:Agreement OR e:Commitment)
  AND (toLower(e.name) = toLower($name) OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) = toLower($name)))
OPTIONAL MATCH (e)-[r]-(other)
WHERE type(r) <> 'MENTIONS'
WITH e, r, other
ORDER BY type(r), other.name
RETURN e.name AS name,
       labels(e)[0] AS label,
       e.kind AS kind,
       e.role AS role,
       e.country AS country,
       coalesce(e.aliases, []) AS aliases,
       [x IN collect(CASE WHEN r IS NULL THEN null ELSE
          CASE WHEN startNode(r) = e THEN '-' + type(r) + '-> ' ELSE '<-' + type(r) + '- ' END + other.name
          + CASE WHEN r.date IS NULL THEN '' ELSE ' (' + r.date + ')' END END) WHERE x IS NOT NULL] AS relationships
