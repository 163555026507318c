// name: co-mentioned
// title: Entities mentioned together
// description: The actors, countries and agreements most often mentioned in the same articles as a
// description: given entity, with the number of shared articles.
// param: name   string  Iran  an entity: a name or alias
// param: limit  int     15    how many to list
MATCH (e)
WHERE (e:Actor OR e:Country OR e:Agreement)
  AND (toLower(e.name) = toLower($name) OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) = toLower($name)))
MATCH (e)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(other)
WHERE other <> e AND (other:Actor OR other:Country OR other:Agreement)
RETURN other.name AS entity, labels(other)[0] AS label, count(DISTINCT a) AS articles
ORDER BY articles DESC, entity
LIMIT $limit
