// name: linking
// title: Everything linking two entities
// description: Chains of up to 4 fact relationships (calls, pledges, sanctions, trade ties, and the
// description: actor-country and commitment-agreement ties) between two entities, with the evidence
// description: and the number of sources behind each chain; then the calls whose topics name one
// description: entity while a party is, or represents, the other. Articles and MENTIONS are ignored.
// param: a      string  Iran   first entity: a name or alias
// param: b      string  China  second entity: a name or alias
// param: limit  int     25     most chains to list
MATCH (x)
WHERE (x:Actor OR x:Country OR x:Agreement OR x:Commitment)
  AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
MATCH (y)
WHERE (y:Actor OR y:Country OR y:Agreement OR y:Commitment)
  AND (toLower(y.name) = toLower($b) OR any(al IN coalesce(y.aliases, []) WHERE toLower(al) = toLower($b)))
  AND x <> y
MATCH p = (x)-[:SPOKE_WITH|PLEDGED|SANCTIONED|TRADES_WITH|REPRESENTS|PARTY_TO|PART_OF*1..4]-(y)
WHERE none(n IN nodes(p)[1..-1] WHERE n = x OR n = y)
WITH p, relationships(p) AS rels, nodes(p) AS ns
WITH length(p) AS hops,
     reduce(s = ns[0].name, i IN range(0, size(rels) - 1) |
       s + CASE WHEN startNode(rels[i]) = ns[i] THEN ' -' + type(rels[i]) + '-> ' ELSE ' <-' + type(rels[i]) + '- ' END + ns[i + 1].name) AS link,
     reduce(ev = [], r IN rels | ev + [e IN coalesce(r.evidence, []) WHERE NOT e IN ev]) AS ev,
     reduce(src = [], r IN rels | src + [s IN coalesce(r.sources, []) WHERE NOT s IN src]) AS src
// Chains that read the same (parallel edges between the same entities) are one row.
WITH hops, link, collect(ev) AS evs, collect(src) AS srcs
RETURN 'chain' AS kind,
       hops,
       link,
       reduce(acc = [], e IN evs | acc + [x IN e WHERE NOT x IN acc]) AS evidence,
       size(reduce(acc = [], s IN srcs | acc + [x IN s WHERE NOT x IN acc])) AS sources
ORDER BY hops, link
LIMIT $limit
UNION ALL
MATCH (x)
WHERE (x:Actor OR x:Country OR x:Agreement OR x:Commitment)
  AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
MATCH (y)
WHERE (y:Actor OR y:Country OR y:Agreement OR y:Commitment)
  AND (toLower(y.name) = toLower($b) OR any(al IN coalesce(y.aliases, []) WHERE toLower(al) = toLower($b)))
  AND x <> y
MATCH (p1)-[c:SPOKE_WITH]->(p2)
WITH x, y, p1, c, p2, [t IN coalesce(c.topics, []) | toLower(t)] AS topics,
     [n IN [x.name] + coalesce(x.aliases, []) | toLower(n)] AS xNames,
     [n IN [y.name] + coalesce(y.aliases, []) | toLower(n)] AS yNames
WHERE (any(t IN topics WHERE t IN yNames)
       AND (p1 = x OR p2 = x OR (p1)-[:REPRESENTS]->(x) OR (p2)-[:REPRESENTS]->(x)))
   OR (any(t IN topics WHERE t IN xNames)
       AND (p1 = y OR p2 = y OR (p1)-[:REPRESENTS]->(y) OR (p2)-[:REPRESENTS]->(y)))
RETURN 'call topic' AS kind,
       1 AS hops,
       p1.name + ' -SPOKE_WITH- ' + p2.name + ' about ' + reduce(s = '', t IN coalesce(c.topics, []) | s + CASE WHEN s = '' THEN '' ELSE ', ' END + t) AS link,
       coalesce(c.evidence, []) AS evidence,
       size(coalesce(c.sources, [])) AS sources
ORDER BY link
