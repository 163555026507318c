// check.mjs runs Neo4j's JavaScript driver against a kg Bolt server:
// parameters, explicit and managed transactions, errors with Neo4j codes,
// and every value type both ways. graph/bolt's TestJSDriver runs it for
// each driver line and transport; it prints "ok NAME" or "not ok NAME:
// why" per check, then "protocol X.Y", and exits 1 if a check failed.
//
// Environment:
//   KG_DRIVER    the npm package (neo4j-driver, neo4j-driver-5, …)
//   KG_BUNDLE    "node" (TCP) or "browser" (the browser build, over the
//                WebSocket global: Node 22, or 20 with --experimental-websocket)
//   KG_URL       bolt://…, neo4j://… or bolt+s://… (the CA in NODE_EXTRA_CA_CERTS)
//   KG_USER, KG_PASSWORD
//   KG_GRAPH     "1" when the store holds (:Person {id:'a', name:'Ann'})-[:KNOWS {since:2020}]->(:Person:Author {id:'b'})
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { KG_DRIVER: pkg, KG_BUNDLE: bundle = 'node', KG_URL: url, KG_USER: user, KG_PASSWORD: password } = process.env
const neo4j = bundle === 'browser' ? require(`${pkg}/lib/browser/neo4j-web.js`) : require(pkg)
const { int, isInt } = neo4j

let failed = 0
async function check (name, fn) {
  try {
    await fn()
    console.log(`ok ${name}`)
  } catch (e) {
    failed++
    console.log(`not ok ${name}: ${(e && e.stack) || e}`)
  }
}
function assert (cond, msg) {
  if (!cond) throw new Error(msg)
}
function same (got, want, what) {
  assert(got === want, `${what}: got ${got}, want ${want}`)
}

// canon writes a value with its type, so that a float 1 and an integer 1,
// or a date and its string, differ.
function canon (v) {
  if (v === null || v === undefined) return String(v)
  if (isInt(v)) return `int(${v.toString()})`
  if (typeof v === 'bigint') return `int(${v})`
  if (typeof v === 'number') return `float(${v})`
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'boolean') return String(v)
  if (v instanceof Int8Array || v instanceof Uint8Array) return `bytes(${Array.from(new Int8Array(v.buffer, v.byteOffset, v.length))})`
  if (Array.isArray(v)) return `[${v.map(canon).join(', ')}]`
  for (const t of ['Date', 'Time', 'LocalTime', 'DateTime', 'LocalDateTime', 'Duration']) {
    if (neo4j[`is${t}`](v)) {
      // A zoned DateTime sent without its offset comes back with it.
      const zone = t === 'DateTime' && v.timeZoneId ? `[${v.timeZoneId}]` : ''
      const body = zone ? v.toString().replace(/[+-]\d\d:\d\d(:\d\d)?\[.*$/, '').replace(/Z?\[.*$/, '') : v.toString()
      return `${t}(${body}${zone})`
    }
  }
  if (typeof v === 'object') return `{${Object.keys(v).sort().map(k => `${k}: ${canon(v[k])}`).join(', ')}}`
  return `?${typeof v}`
}

const T = neo4j.types
// Each value goes to the server as a parameter and comes back; the same
// value is also written as Cypher, and the server compares the two (unless
// it holds a null, which makes Cypher's = null, or has no Cypher literal, as
// byte arrays).
const values = [
  ['null', null, 'null'],
  ['boolean', true, 'true'],
  ['integer', int(42), '42'],
  ['integer 64-bit max', int('9223372036854775807'), '9223372036854775807'],
  ['integer 64-bit min', int('-9223372036854775808'), '-9223372036854775807 - 1'],
  ['integer beyond 2^53', int('9007199254740993'), '9007199254740993'],
  ['float', 3.25, '3.25'],
  ['float large', 1e300, '1.0e300'],
  ['string', 'héllo ✓ 世界', "'héllo ✓ 世界'"],
  ['list', [int(1), 'a', null, [true, 2.5]], "[1, 'a', null, [true, 2.5]]"],
  ['map', { a: int(1), b: { c: 'x', d: [] } }, "{a: 1, b: {c: 'x', d: []}}"],
  ['date', new T.Date(2024, 2, 29), "date('2024-02-29')"],
  ['time', new T.Time(12, 34, 56, 789000000, 7200), "time('12:34:56.789+02:00')"],
  ['localtime', new T.LocalTime(12, 34, 56, 123456789), "localtime('12:34:56.123456789')"],
  ['datetime with offset', new T.DateTime(2024, 2, 29, 12, 34, 56, 500000000, 3600), "datetime('2024-02-29T12:34:56.5+01:00')"],
  ['datetime with zone', new T.DateTime(2024, 7, 1, 12, 0, 0, 0, undefined, 'Europe/Paris'), "datetime({year: 2024, month: 7, day: 1, hour: 12, timezone: 'Europe/Paris'})"],
  ['localdatetime', new T.LocalDateTime(2024, 2, 29, 12, 34, 56, 1000), "localdatetime('2024-02-29T12:34:56.000001')"],
  ['duration', new T.Duration(14, 3, 4 * 3600 + 5 * 60 + 6, 7000000), "duration('P1Y2M3DT4H5M6.007S')"],
  ['bytes', new Int8Array([0, 1, -1, 127, -128]), null]
]

const tag = `${pkg}-${bundle}-${Math.random().toString(36).slice(2)}`
const driver = neo4j.driver(url, neo4j.auth.basic(user, password), { connectionTimeout: 10000 })
let protocol = '?'
try {
  await check('connect', async () => {
    const info = await driver.getServerInfo()
    protocol = String(info.protocolVersion)
    assert(info.agent.startsWith('kg/') || info.agent.startsWith('Neo4j/'), `agent ${info.agent}`)
  })

  await check('parameters', async () => {
    const { records, keys } = await driver.executeQuery(
      'UNWIND $xs AS x RETURN x * $k AS y, $name AS name ORDER BY y DESC', { xs: [int(1), int(2), int(3)], k: int(10), name: 'kg' })
    same(keys.join(), 'y,name', 'keys')
    same(records.map(r => r.get('y').toString()).join(), '30,20,10', 'rows')
    same(records[0].get('name'), 'kg', 'name')
  })

  for (const [name, v, cypher] of values) {
    await check(`value ${name}`, async () => {
      const q = cypher === null ? 'RETURN $v AS p' : `RETURN $v AS p, ${cypher} AS c, $v = ${cypher} AS eq`
      const { records } = await driver.executeQuery(q, { v })
      const r = records[0]
      same(canon(r.get('p')), canon(v), 'parameter round trip')
      if (cypher !== null) {
        same(canon(r.get('c')), canon(v), 'Cypher literal')
        if (!cypher.includes('null')) same(r.get('eq'), true, 'server-side $v = literal')
      }
    })
  }

  if (process.env.KG_GRAPH === '1') {
    await check('value node, relationship, path', async () => {
      const { records } = await driver.executeQuery(
        `MATCH p = (a:Person {id: 'a'})-[r:KNOWS]->(b)
         RETURN a, r, b, p, elementId(a) AS ea, elementId(r) AS er, id(a) AS ia`, {}, { routing: neo4j.routing.READ })
      const [a, r, b, p, ea, er, ia] = records[0]._fields
      assert(neo4j.isNode(a) && neo4j.isNode(b), 'a, b are nodes')
      same(a.labels.join(), 'Person', 'labels of a')
      same(b.labels.slice().sort().join(), 'Author,Person', 'labels of b')
      same(a.properties.name, 'Ann', 'a.name')
      same(a.elementId, ea, 'elementId(a)')
      same(a.identity.toString(), ia.toString(), 'id(a)')
      assert(neo4j.isRelationship(r), 'r is a relationship')
      same(r.type, 'KNOWS', 'type')
      same(canon(r.properties.since), 'int(2020)', 'r.since')
      same(r.elementId, er, 'elementId(r)')
      same(r.startNodeElementId, a.elementId, 'start')
      same(r.endNodeElementId, b.elementId, 'end')
      assert(neo4j.isPath(p), 'p is a path')
      same(p.length, 1, 'path length')
      same(p.start.elementId, a.elementId, 'path start')
      same(p.end.elementId, b.elementId, 'path end')
      same(p.segments[0].relationship.elementId, er, 'path relationship')
    })
  }

  const count = async (session, id) => {
    const res = await session.run('MATCH (n:JsTest {id: $id}) RETURN count(n) AS n', { id })
    return res.records[0].get('n').toNumber()
  }

  await check('explicit transaction commit', async () => {
    const session = driver.session()
    try {
      const tx = session.beginTransaction()
      const res = await tx.run('CREATE (n:JsTest {id: $id}) RETURN n.id AS id', { id: `${tag}-commit` })
      same(res.summary.counters.updates().nodesCreated, 1, 'nodes created')
      same(await count(tx, `${tag}-commit`), 1, 'seen inside the transaction')
      // Two results open at once in one transaction (qid).
      const r1 = tx.run('UNWIND range(1, 3) AS i RETURN i')
      const r2 = tx.run('RETURN 2 AS two')
      same((await r2).records[0].get('two').toNumber(), 2, 'second result')
      same((await r1).records.length, 3, 'first result')
      await tx.commit()
      same(await count(session, `${tag}-commit`), 1, 'committed')
    } finally {
      await session.close()
    }
  })

  await check('explicit transaction rollback', async () => {
    const session = driver.session()
    try {
      const tx = session.beginTransaction()
      await tx.run('CREATE (:JsTest {id: $id})', { id: `${tag}-rollback` })
      await tx.rollback()
      same(await count(session, `${tag}-rollback`), 0, 'rolled back')
    } finally {
      await session.close()
    }
  })

  await check('managed transactions', async () => {
    const session = driver.session()
    try {
      await session.executeWrite(tx => tx.run('CREATE (:JsTest {id: $id})', { id: `${tag}-managed` }))
      const n = await session.executeRead(async tx => (await tx.run('MATCH (n:JsTest {id: $id}) RETURN count(n) AS n', { id: `${tag}-managed` })).records[0].get('n'))
      same(n.toNumber(), 1, 'written then read')
    } finally {
      await session.close()
    }
  })

  const expectCode = async (code, fn) => {
    try {
      await fn()
    } catch (e) {
      same(e.code, code, `error code (${e.message})`)
      if (parseFloat(protocol) >= 5.7) assert(/^[0-9A-Z]{5}$/.test(e.gqlStatus || ''), `GQL status ${e.gqlStatus} in Bolt ${protocol}`)
      return
    }
    throw new Error(`no error, want ${code}`)
  }
  await check('error syntax', () => expectCode('Neo.ClientError.Statement.SyntaxError', () => driver.executeQuery('RETURN 1 +')))
  await check('error missing parameter', () => expectCode('Neo.ClientError.Statement.ParameterMissing', () => driver.executeQuery('RETURN $nope')))
  await check('error unknown database', () => expectCode('Neo.ClientError.Database.DatabaseNotFound',
    () => driver.executeQuery('RETURN 1', {}, { database: 'nope' })))
  await check('error in a transaction, then the session goes on', async () => {
    const session = driver.session()
    try {
      const tx = session.beginTransaction()
      await tx.run('CREATE (:JsTest {id: $id})', { id: `${tag}-failed` })
      await expectCode('Neo.ClientError.Statement.SyntaxError', () => tx.run('RETURN 1 +'))
      if (tx.isOpen()) await tx.rollback()
      same(await count(session, `${tag}-failed`), 0, 'the failed transaction left nothing')
    } finally {
      await session.close()
    }
  })
  await check('error wrong password', async () => {
    const bad = neo4j.driver(url, neo4j.auth.basic(user, `${password}-wrong`))
    try {
      await expectCode('Neo.ClientError.Security.Unauthorized', () => bad.verifyConnectivity())
    } finally {
      await bad.close()
    }
  })
} finally {
  await driver.close()
}
console.log(`protocol ${protocol}`)
process.exit(failed ? 1 : 0)
