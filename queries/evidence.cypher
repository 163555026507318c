// name: evidence
// title: Evidence between two entities
// description: The sentences and articles behind every relationship between two named entities (or
// description: the actors representing them): what was said, in which outlet, on which date.
// param: a  string  'Donald Trump'  first entity: a name or alias
// param: b  string  'Xi Jinping'    second entity: a name or alias
MATCH (x)
WHERE (x:Actor OR x:Country OR x:Agreement OR x:Commitment)
  AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
MATCH (y)
WHERE (y:Actor OR y:Country OR y:Agreement OR y:Commitment)
  AND (toLower(y.name) = toLower($b) OR any(al IN coalesce(y.aliases, []) WHERE toLower(al) = toLower($b)))
  AND x <> y
MATCH (p)-[r]-(q)
WHERE type(r) IN ['SPOKE_WITH', 'PLEDGED', 'SANCTIONED', 'TRADES_WITH']
  AND (p = x OR (p)-[:REPRESENTS]->(x))
  AND (q = y OR (q)-[:REPRESENTS]->(y))
UNWIND coalesce(r.sources, []) AS source
MATCH (art:Article {id: source})
RETURN DISTINCT type(r) AS fact,
       startNode(r).name AS from,
       endNode(r).name AS to,
       art.outlet AS outlet,
       art.publishedAt AS published,
       art.title AS article,
       coalesce(r.evidence, []) AS evidence
ORDER BY fact, from, to, published, article
