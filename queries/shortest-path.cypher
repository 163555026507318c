// name: shortest-path
// title: Shortest chain of facts between two entities
// description: The shortest chains of fact and structural relationships (no articles, no MENTIONS)
// description: between two entities, each hop with its type and evidence.
// param: a  string  Iran             first entity: a name or alias
// param: b  string  'Vladimir Putin'  second entity: a name or alias
MATCH (x)
WHERE (x:Actor OR x:Country OR x:Agreement OR x:Commitment)
  AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
MATCH (y)
WHERE (y:Actor OR y:Country OR y:Agreement OR y:Commitment)
  AND (toLower(y.name) = toLower($b) OR any(al IN coalesce(y.aliases, []) WHERE toLower(al) = toLower($b)))
  AND x <> y
MATCH p = allShortestPaths((x)-[:SPOKE_WITH|PLEDGED|SANCTIONED|TRADES_WITH|REPRESENTS|PARTY_TO|PART_OF*..8]-(y))
WITH p, relationships(p) AS rels, nodes(p) AS ns
RETURN length(p) AS hops,
       reduce(s = ns[0].name, i IN range(0, size(rels) - 1) |
         s + CASE WHEN startNode(rels[i]) = ns[i] THEN ' -' + type(rels[i]) + '-> ' ELSE ' <-' + type(rels[i]) + '- ' END + ns[i + 1].name) AS chain,
       [r IN rels | coalesce(r.evidence, [])[0]] AS evidence
ORDER BY chain
