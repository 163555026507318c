// name: pledges
// title: Pledges and commitments
// description: What a party (or the actors representing it) promised, agreed or committed to: the
// description: action, object, quantity and period, who claimed it, and how many articles report it.
// param: party  string  China  an actor or country: a name or alias; '' for every party
MATCH (p)-[r:PLEDGED]->(c)
OPTIONAL MATCH (p)-[:REPRESENTS]->(home:Country)
WITH p, r, c, home
WHERE $party = ''
   OR any(n IN [p.name] + coalesce(p.aliases, []) WHERE toLower(n) = toLower($party))
   OR (home IS NOT NULL AND any(n IN [home.name] + coalesce(home.aliases, []) WHERE toLower(n) = toLower($party)))
RETURN DISTINCT p.name AS party,
       labels(c)[0] AS to,
       c.name AS pledge,
       c.action AS action,
       c.object AS object,
       c.quantity AS quantity,
       c.unit AS unit,
       c.period AS period,
       coalesce(r.claimedBy, []) AS claimedBy,
       size(coalesce(r.sources, [])) AS sources,
       r.date AS date
ORDER BY sources DESC, party, pledge
