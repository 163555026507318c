// name: claims
// title: Who claims what
// description: Facts attributed to a claimant ("Trump said that China agreed...", "according to
// description: Xinhua"): what each claimant asserts, and whether other articles report it unattributed.
// param: claimant  string  ''  only this claimant (a name or alias); '' for all
MATCH (a)-[r:SPOKE_WITH|PLEDGED|SANCTIONED]->(b)
WHERE size(coalesce(r.claimedBy, [])) > 0
UNWIND r.claimedBy AS claimant
WITH a, r, b, claimant
WHERE $claimant = '' OR toLower(claimant) = toLower($claimant)
RETURN claimant,
       type(r) AS fact,
       a.name AS from,
       b.name AS to,
       size(coalesce(r.sources, [])) AS sources,
       coalesce(r.evidence, [])[0] AS evidence
ORDER BY claimant, fact, from, to
