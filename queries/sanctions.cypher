// name: sanctions
// title: Who sanctioned whom
// description: Sanctions, tariffs, export controls, blacklists and punitive taxes actually imposed
// description: (threats are not sanctions): the measure, the rate, the date and the sources.
// param: target  string  ''  only measures against this entity (a name or alias); '' for all
MATCH (s)-[r:SANCTIONED]->(t)
WHERE $target = ''
   OR any(n IN [t.name] + coalesce(t.aliases, []) WHERE toLower(n) = toLower($target))
RETURN s.name AS imposedBy,
       t.name AS target,
       r.measure AS measure,
       r.rate AS rate,
       r.date AS date,
       coalesce(r.claimedBy, []) AS claimedBy,
       size(coalesce(r.sources, [])) AS sources,
       coalesce(r.evidence, []) AS evidence
ORDER BY date, imposedBy, target
