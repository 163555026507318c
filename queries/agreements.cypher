// name: agreements
// title: Agreements, their parties and commitments
// description: Each agreement (deal, truce, treaty, partnership) with the parties that pledged to it or
// description: are party to it, and the commitments that are part of it.
MATCH (g:Agreement)
OPTIONAL MATCH (party)-[:PLEDGED|PARTY_TO]->(g)
WITH g, collect(DISTINCT party.name) AS parties
OPTIONAL MATCH (c:Commitment)-[:PART_OF]->(g)
WITH g, parties, collect(DISTINCT c.name) AS commitments
OPTIONAL MATCH (:Article)-[m:MENTIONS]->(g)
RETURN g.name AS agreement,
       g.kind AS kind,
       g.date AS date,
       parties,
       commitments,
       count(m) AS articles
ORDER BY articles DESC, agreement
