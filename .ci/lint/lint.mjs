// lint.mjs checks Cypher files with Neo4j's own Cypher 5 front end
// (@neo4j-cypher/language-support, lintCypherQuery): syntax, semantic
// analysis (undefined variables, arity, types) and kg's schema (labels,
// relationship types and property keys from schema.json, generated from the
// graph package by `go test ./graph/neo4j -run TestLintSchema -update`).
//
// Usage (from this directory, after `npm ci`):
//
//   node lint.mjs                  lint graph/neo4j/cypher, cmd/kg/cypher, graph/explore/cypher and queries (*.cypher)
//   node lint.mjs FILE...          lint the given files
//   node lint.mjs --self-test      check that broken statements are caught
//
// Errors (exit status 1): syntax and semantic errors, and labels or
// relationship types outside kg's schema (Neo4j reports those as warnings;
// for kg they are misspellings). Warnings are printed: unknown property keys,
// deprecations. "Parameter $x is not defined" is ignored: parameters are
// supplied at run time.
//
// Limit: the front end does not check labels and types that a CREATE, MERGE
// or SET writes (they may be new by design). kg's load statements take
// theirs from the model (graph/neo4j generates them from graph.Labels and
// graph.RelTypes, TestStatementFiles), and the saved queries only read.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

const defaultDirs = ['graph/neo4j/cypher', 'cmd/kg/cypher', 'graph/explore/cypher', 'queries'];

/** loadSchema returns the DbSchema of kg's model. */
function loadSchema() {
  const s = JSON.parse(readFileSync(join(here, 'schema.json'), 'utf8'));
  return {
    labels: s.labels,
    relationshipTypes: s.relationshipTypes,
    propertyKeys: [...s.propertyKeys, ...(s.loadRowKeys ?? [])],
    defaultLanguage: 'CYPHER 5',
  };
}

const schemaName = /^(Label|Relationship type|Label or relationship type) \S+ is not present in the database/;

/**
 * lintText lints one file's text and returns its findings as
 * {severity: 'error'|'warning', line, column (1-based), message}.
 */
export function lintText(text, schema) {
  const { diagnostics } = lintCypherQuery(text, schema);
  return diagnostics.filter(isNotParamError).map((d) => ({
    severity: d.severity === 1 || schemaName.test(d.message) ? 'error' : 'warning',
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    message: d.message.split('. Make sure you didn')[0],
  }));
}

function defaultFiles() {
  const files = [];
  for (const dir of defaultDirs) {
    const abs = join(root, dir);
    if (!existsSync(abs)) {
      console.log(`cypher lint: ${dir}/ does not exist, skipped`);
      continue;
    }
    for (const name of readdirSync(abs).sort()) {
      if (name.endsWith('.cypher')) files.push(join(abs, name));
    }
  }
  return files;
}

function lintFiles(files, schema) {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(process.cwd(), file) || file;
    for (const f of lintText(text, schema)) {
      console.log(`${shown}:${f.line}:${f.column}: ${f.severity}: ${f.message}`);
      if (f.severity === 'error') errors++;
      else warnings++;
    }
  }
  console.log(`cypher lint: ${files.length} files, ${errors} errors, ${warnings} warnings`);
  return errors;
}

/** The self-test's cases: each broken one must give an error, the valid ones none. */
const selfTestCases = [
  { name: 'syntax error', text: 'MATCH (a:Actor RETURN a', wantError: true },
  { name: 'undefined variable', text: 'MATCH (a:Actor) RETURN b', wantError: true },
  { name: 'misspelt label', text: 'MATCH (a:Actr) RETURN a.name', wantError: true },
  { name: 'misspelt relationship type', text: 'MATCH (a:Actor)-[:SPOKEWITH]->(b) RETURN b.name', wantError: true },
  { name: 'second statement broken', text: 'RETURN 1 AS ok;\nMATCH (n:Country) RETURN m;', wantError: true },
  { name: 'valid with parameters', text: 'MATCH (a:Actor)-[r:SPOKE_WITH]-(b) WHERE a.name = $name RETURN b.name, r.date', wantError: false },
  { name: 'valid load statement', text: 'UNWIND $rows AS row MERGE (n:Country {id: row.id}) SET n += row.props', wantError: false },
];

function selfTest(schema) {
  let passed = 0;
  let failed = 0;
  for (const c of selfTestCases) {
    const findings = lintText(c.text, schema);
    const gotError = findings.some((f) => f.severity === 'error');
    if (gotError === c.wantError) {
      passed++;
      const first = findings.find((f) => f.severity === 'error');
      console.log(`ok   ${c.name}${first ? `: ${first.line}:${first.column}: ${first.message}` : ''}`);
    } else {
      failed++;
      console.log(`FAIL ${c.name}: want error=${c.wantError}, got ${JSON.stringify(findings)}`);
    }
  }
  console.log(`cypher lint self-test: ${passed} passed, ${failed} failed`);
  return failed;
}

function main(argv) {
  const schema = loadSchema();
  if (argv.includes('--self-test')) {
    return selfTest(schema) > 0 ? 1 : 0;
  }
  const files = argv.length > 0 ? argv.map((f) => resolve(f)) : defaultFiles();
  for (const f of files) {
    if (!existsSync(f)) {
      console.error(`cypher lint: ${f}: no such file`);
      return 2;
    }
  }
  return lintFiles(files, schema) > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
