// name: single-source
// title: Facts with a single source or a single side
// description: Facts reported by only one article, and facts claimed only by one party's side (every
// description: claimant belongs to, or is, one of the parties): the claims to check before relying on them.
MATCH (a)-[r:SPOKE_WITH|PLEDGED|SANCTIONED]->(b)
OPTIONAL MATCH (claimant)
WHERE (claimant:Actor OR claimant:Country) AND claimant.name IN coalesce(r.claimedBy, [])
OPTIONAL MATCH (claimant)-[:REPRESENTS]->(side:Country)
WITH a, r, b, collect(DISTINCT coalesce(side.name, claimant.name)) AS sides
WITH a, r, b, sides, size(coalesce(r.sources, [])) AS sources
WHERE sources = 1 OR (size(coalesce(r.claimedBy, [])) > 0 AND size(sides) = 1)
RETURN type(r) AS fact,
       a.name AS from,
       b.name AS to,
       sources,
       coalesce(r.claimedBy, []) AS claimedBy,
       CASE WHEN sources = 1 THEN 'one source' ELSE 'one side: ' + sides[0] END AS why,
       coalesce(r.evidence, [])[0] AS evidence
ORDER BY fact, from, to
