// name: single-source
// title: Facts with a single source or a single side
// description: Facts reported by only one article, and facts claimed only by one party's side (every
// description: claimant belongs to, or is, one of the parties): the claims to check before relying on them.
MATCH (a)-[r:SPOKE_WITH|PLEDGED|SANCTIONED]->(b)
WITH a, r, b, size(coalesce(r.sources, [])) AS sources, coalesce(r.claimedBy, []) AS claimants
UNWIND CASE WHEN size(claimants) = 0 THEN [null] ELSE claimants END AS claimant
// A claimant's side: the country it is, or the country it represents.
OPTIONAL MATCH (:Actor {name: claimant})-[:REPRESENTS]->(home:Country)
OPTIONAL MATCH (country:Country {name: claimant})
WITH a, r, b, sources, claimants, collect(DISTINCT coalesce(home.name, country.name, claimant)) AS sides
WHERE sources = 1 OR (size(claimants) > 0 AND size(sides) = 1)
RETURN type(r) AS fact,
       a.name AS from,
       b.name AS to,
       sources,
       claimants AS claimedBy,
       CASE WHEN sources = 1 THEN 'one source' ELSE 'one side: ' + sides[0] END AS why,
       coalesce(r.evidence, [])[0] AS evidence
ORDER BY fact, from, to
