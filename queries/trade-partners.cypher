// name: trade-partners
// title: Trading partners
// description: Trade ties the articles state between countries (largest trading partner, trade
// description: volumes), with the value and year where given.
// param: country  string  ''  only ties of this country (a name or alias); '' for all
MATCH (a:Country)-[r:TRADES_WITH]->(b:Country)
WHERE $country = ''
   OR any(n IN [a.name] + coalesce(a.aliases, []) WHERE toLower(n) = toLower($country))
   OR any(n IN [b.name] + coalesce(b.aliases, []) WHERE toLower(n) = toLower($country))
RETURN a.name AS country,
       b.name AS partner,
       r.value AS value,
       r.year AS year,
       size(coalesce(r.sources, [])) AS sources,
       coalesce(r.evidence, [])[0] AS evidence
ORDER BY country, partner
