// name: who-spoke-with
// title: Who spoke with whom
// description: The calls, meetings and talks of an actor or country (or of the actors representing
// description: it), by date, with the medium, the topics, how many articles report each and who claimed it.
// param: name  string  'Xi Jinping'  an actor or country: a name or alias
MATCH (e)
WHERE (e:Actor OR e:Country)
  AND (toLower(e.name) = toLower($name) OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) = toLower($name)))
// The parties: the entity and the actors representing it, each expanded
// from its own relationships (not every fact of the graph tested against them).
OPTIONAL MATCH (rep)-[:REPRESENTS]->(e)
WITH e, collect(DISTINCT rep) AS reps
UNWIND [e] + reps AS a
MATCH (a)-[r:SPOKE_WITH]-(other)
RETURN DISTINCT r.date AS date,
       a.name AS party,
       other.name AS spokeWith,
       r.medium AS medium,
       coalesce(r.topics, []) AS topics,
       size(coalesce(r.sources, [])) AS sources,
       coalesce(r.claimedBy, []) AS claimedBy
ORDER BY date, party, spokeWith
