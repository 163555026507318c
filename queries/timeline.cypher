// name: timeline
// title: Timeline of an entity
// description: The facts involving an entity (or the actors representing it) in date order: calls,
// description: pledges, sanctions and trade ties, with the first evidence sentence of each.
// param: name  string  China  an entity: a name or alias
MATCH (e)
WHERE (e:Actor OR e:Country OR e:Agreement)
  AND (toLower(e.name) = toLower($name) OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) = toLower($name)))
// The parties: the entity and the actors representing it, each expanded
// from its own relationships (not every fact of the graph tested against them).
OPTIONAL MATCH (rep)-[:REPRESENTS]->(e)
WITH e, collect(DISTINCT rep) AS reps
UNWIND [e] + reps AS a
MATCH (a)-[r:SPOKE_WITH|PLEDGED|SANCTIONED|TRADES_WITH]-(b)
WITH DISTINCT r, startNode(r) AS s, endNode(r) AS t
RETURN r.date AS date,
       type(r) AS fact,
       s.name AS from,
       t.name AS to,
       size(coalesce(r.sources, [])) AS sources,
       coalesce(r.evidence, [])[0] AS evidence
ORDER BY date, fact, from, to
