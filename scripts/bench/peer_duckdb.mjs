#!/usr/bin/env node
// The FOI job as a user would write it in SQL: DuckDB through the npm package @duckdb/node-api.
//
//   node scripts/bench/peer_duckdb.mjs --config patterns/foi_1148a_20.ini [--threads N] ARCHIVE.csv
//
// read_csv with every column VARCHAR; codes normalised with regexp_replace (086/02 = 86/2,
// 19c = 19C); dates parsed with try_strptime over the export's formats; rows out of the code
// list or outside both periods dropped before crimes are formed; crime = GROUP BY id with the
// earliest date and that row's code; in scope when any row has a known age <= max-age; a
// platform is named when regexp_matches finds one of its patterns (RE2; whole-word patterns
// as \b(?:...)\b, caseless ones inside (?i:...)) in the text once its exclude phrases are
// regexp_replace'd out. Prints moscan's long CSV (period,group,code,platform,crimes,mentions).
//
// Where it can differ from moscan (printed on stderr too):
//   * exclusions: an exclude phrase is cut out of the text before matching. moscan drops only
//     the matches that overlap an exclude match; cutting gives the same answer unless exclude
//     matches overlap each other (RE2 finds non-overlapping ones) or the cut joins two words
//     into a new match (the cut is replaced by a space, so it cannot).
//   * mentions: len(regexp_extract_all(...)) counts RE2's non-overlapping leftmost-first
//     matches of the platform's alternation; moscan merges every overlapping match of any
//     pattern. Equal unless a shorter alternative wins where a longer overlapping one exists.
//   * (?i) in RE2 folds Unicode case (e.g. U+212A KELVIN SIGN matches k); Hyperscan folds
//     ASCII only. The generated archives do not contain such characters.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

function usage(msg) {
  process.stderr.write(`peer_duckdb: ${msg}\nusage: peer_duckdb.mjs [--config INI] [--patterns FILE] ` +
    `[--codes FILE] [--period NAME=FROM..TO]... [--groups G,G] [--max-age N|none] ` +
    `[--text-column COL]... [--threads N] [--explain] ARCHIVE\n`);
  process.exit(64);
}

// ---------------------------------------------------------------- options
const args = process.argv.slice(2);
const opt = { period: [], 'text-column': [] };
let archive = null;
let threads = 0;
let explain = false;
for (let i = 0; i < args.length; ++i) {
  const a = args[i];
  const val = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
  if (a === '--config') opt.config = val();
  else if (a === '--patterns') opt.patterns = val();
  else if (a === '--codes') opt.codes = val();
  else if (a === '--period') opt.period.push(val());
  else if (a === '--groups') opt.groups = val();
  else if (a === '--max-age') opt['max-age'] = val();
  else if (a === '--unknown-age') opt['unknown-age'] = val();
  else if (a === '--text-column') opt['text-column'].push(val());
  else if (a === '--threads') threads = Number(val());
  else if (a === '--explain') explain = true;
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (!archive) archive = a;
  else usage('one archive only');
}
if (!archive) usage('no archive given');

const cfg = { period: [], 'text-column': [] };
if (opt.config) {
  const base = path.dirname(path.resolve(opt.config));
  for (let line of fs.readFileSync(opt.config, 'utf8').split('\n')) {
    line = line.trim();
    if (!line || line[0] === '#' || line[0] === ';' || !line.includes('=')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'period' || key === 'text-column') cfg[key].push(value);
    else if (key === 'codes' || key === 'patterns') cfg[key] = path.join(base, value);
    else cfg[key] = value;
  }
}
const patternsFile = opt.patterns ?? cfg.patterns ?? path.join(root, 'patterns/foi_platforms.pat');
const codesFile = opt.codes ?? cfg.codes ?? path.join(root, 'patterns/home_office_codes.csv');
const periodSpecs = opt.period.length ? opt.period : cfg.period;
const textCols = opt['text-column'].length ? opt['text-column'] : (cfg['text-column'].length ? cfg['text-column'] : ['MOText']);
const maxAgeS = opt['max-age'] ?? cfg['max-age'] ?? '17';
const maxAge = maxAgeS === 'none' ? null : Number(maxAgeS);
const unknownIn = (opt['unknown-age'] ?? cfg['unknown-age'] ?? 'exclude') === 'include';

// ---------------------------------------------------------------- codes, patterns, periods
function normaliseCode(code) {
  let out = '';
  let partStart = 0;
  for (let c of code) {
    if (' \t\r\n'.includes(c)) continue;
    c = c.toUpperCase();
    if (c >= '0' && c <= '9' && out.length === partStart + 1 && out[partStart] === '0') out = out.slice(0, -1);
    out += c;
    if (c === '/') partStart = out.length;
  }
  return out;
}
const codes = []; // [code, index, group]
const groups = [];
{
  const lines = fs.readFileSync(codesFile, 'utf8').replace(/^\uFEFF/, '').split('\n').slice(1);
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (!line || line.startsWith('#')) continue;
    const [code, group] = line.split(',');
    if (!groups.includes(group)) groups.push(group);
    codes.push([normaliseCode(code), codes.length, group]);
  }
}
const groupsSel = (opt.groups ?? cfg.groups ?? groups.join(',')).split(',');

const platforms = []; // {id, include: [[expr, caseless, whole]], exclude: [...]}
{
  const lines = fs.readFileSync(patternsFile, 'utf8').replace(/^\uFEFF/, '').split('\n');
  const keywords = new Set(['set', 'description', 'platform', 'name', 'group', 'pattern', 'exclude', 'match', 'nomatch']);
  const first = lines.map((l) => l.trim()).find((l) => l && !l.startsWith('#')) ?? '';
  const plain = !keywords.has(first.split(/\s+/)[0]) || first.split(' ')[0].includes('\t');
  const index = new Map();
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (plain) {
      const tab = line.indexOf('\t');
      const id = line.slice(0, tab).trim();
      if (!index.has(id)) { index.set(id, platforms.length); platforms.push({ id, include: [], exclude: [] }); }
      platforms[index.get(id)].include.push([line.slice(tab + 1).trim(), true, false]);
      continue;
    }
    const m = line.match(/^(\S+)\s*(.*)$/);
    const word = m[1];
    let arg = m[2];
    if (word === 'platform') {
      const id = arg.split(/\s+/)[0];
      index.set(id, platforms.length);
      platforms.push({ id, include: [], exclude: [] });
    } else if (word === 'pattern' || word === 'exclude') {
      let caseless = true, whole = true;
      if (arg.startsWith('{')) {
        const close = arg.indexOf('}');
        for (const o of arg.slice(1, close).split(',').map((s) => s.trim())) {
          if (o === 'case') caseless = false;
          else if (o === 'nocase') caseless = true;
          else if (o === 'partial') whole = false;
          else if (o === 'word') whole = true;
        }
        arg = arg.slice(close + 1).trim();
      }
      platforms[platforms.length - 1][word === 'exclude' ? 'exclude' : 'include'].push([arg, caseless, whole]);
    }
  }
}

// One RE2 alternation per platform; each pattern keeps its own case rule.
function re2(list) {
  return list.map(([e, caseless, whole]) => {
    const w = whole ? `\\b(?:${e})\\b` : `(?:${e})`;
    return caseless ? `(?i:${w})` : w;
  }).join('|');
}
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

const periods = periodSpecs.map((spec) => {
  const eq = spec.indexOf('=');
  const [a, b] = spec.slice(eq + 1).split('..');
  return [spec.slice(0, eq), a.trim(), b.trim()];
});
if (!periods.length) periods.push(['ALL', '0001-01-01', '9999-12-31']);

// ---------------------------------------------------------------- SQL
const dateFormats = ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d/%m/%Y %H:%M:%S.%f',
  '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'];
const ident = (c) => `"${c.replaceAll('"', '""')}"`;
const textExpr = textCols.map((c) => `coalesce(${ident(c)}, '')`);
const platformCols = platforms.map((p, k) => {
  const cleaned = p.exclude.length ? `regexp_replace(t, ${sqlString(re2(p.exclude))}, ' ', 'g')` : 't';
  return `len(regexp_extract_all(${cleaned}, ${sqlString(re2(p.include))})) AS m${k}`;
});

const sql = `
WITH raw AS (
  SELECT * FROM read_csv(${sqlString(path.resolve(archive))}, header = true, all_varchar = true,
                         delim = ',', quote = '"', escape = '"')
), codes(code, idx, grp) AS (
  VALUES ${codes.map(([c, i, g]) => `(${sqlString(c)}, ${i}, ${sqlString(g)})`).join(', ')}
), periods(pidx, name, first, last) AS (
  VALUES ${periods.map(([n, a, b], i) => `(${i}, ${sqlString(n)}, DATE ${sqlString(a)}, DATE ${sqlString(b)})`).join(', ')}
), parsed AS (
  SELECT trim(CrimeRef) AS id,
         regexp_replace(upper(regexp_replace(coalesce(HOCode, ''), '\\s', '', 'g')),
                        '(^|/)0+([0-9])', '\\1\\2', 'g') AS code,
         CAST(try_strptime(trim(DateRecorded), [${dateFormats.map(sqlString).join(', ')}]) AS DATE) AS d,
         ${maxAge === null ? 'true' : `coalesce(try_cast(trim(VictimAge) AS DOUBLE) <= ${maxAge}, false)`} AS child,
         ${maxAge === null ? 'false' : `try_cast(trim(VictimAge) AS DOUBLE) IS NULL`} AS unknown_age,
         [${textExpr.join(', ')}] AS texts
  FROM raw
), scoped AS (
  SELECT p.id, p.d, c.idx, c.grp, p.child, p.unknown_age, p.texts
  FROM parsed p JOIN codes c USING (code)
  WHERE p.id <> '' AND c.grp IN (${groupsSel.map(sqlString).join(', ')})
    AND EXISTS (SELECT 1 FROM periods q WHERE p.d BETWEEN q.first AND q.last)
), crimes AS (
  SELECT id, min(d) AS d, first(grp ORDER BY d, idx) AS grp,
         bool_or(child) AS child, bool_or(unknown_age) AS unknown_age
  FROM scoped GROUP BY id
), texts AS (
  SELECT DISTINCT id, t FROM (SELECT id, unnest(texts) AS t FROM scoped)
), counted AS (
  SELECT id, ${platformCols.join(',\n         ')}
  FROM texts WHERE t <> ''
), per_crime AS (
  SELECT id, ${platforms.map((_, k) => `sum(m${k}) AS m${k}`).join(', ')}
  FROM counted GROUP BY id
), in_scope AS (
  SELECT c.id, c.d, c.grp, ${platforms.map((_, k) => `coalesce(m${k}, 0) AS m${k}`).join(', ')}
  FROM crimes c LEFT JOIN per_crime USING (id)
  WHERE ${maxAge === null ? 'true' : unknownIn ? 'c.child OR c.unknown_age' : 'c.child'}
)
SELECT q.pidx, s.grp,
       ${platforms.map((_, k) => `count(*) FILTER (WHERE m${k} > 0) AS c${k}, sum(m${k}) AS s${k}`).join(',\n       ')},
       count(*) FILTER (WHERE ${platforms.map((_, k) => `m${k} > 0`).join(' OR ')}) AS any_crimes,
       sum(${platforms.map((_, k) => `m${k}`).join(' + ')}) AS any_mentions,
       count(*) AS total
FROM in_scope s JOIN periods q ON s.d BETWEEN q.first AND q.last
GROUP BY ALL ORDER BY ALL`;

if (explain) {
  process.stdout.write(sql + ';\n');
  process.exit(0);
}

const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:', threads > 0 ? { threads: String(threads) } : {});
const conn = await instance.connect();
const reader = await conn.runAndReadAll(sql);
const result = new Map();
for (const row of reader.getRowObjectsJS()) result.set(`${row.pidx}\t${row.grp}`, row);

// ---------------------------------------------------------------- moscan's long CSV
const num = (v) => (v === null || v === undefined ? 0 : Number(v));
const out = ['period,group,code,platform,crimes,mentions'];
const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
periods.forEach(([name], pi) => {
  for (const g of groups) {
    if (!groupsSel.includes(g)) continue;
    const r = result.get(`${pi}\t${g}`);
    const base = `${csvField(name)},${csvField(g)},ALL`;
    platforms.forEach((p, k) => {
      if (r && num(r[`c${k}`]) > 0) out.push(`${base},${p.id},${num(r[`c${k}`])},${num(r[`s${k}`])}`);
    });
    out.push(`${base},ANY,${r ? num(r.any_crimes) : 0},${r ? num(r.any_mentions) : 0}`);
    out.push(`${base},TOTAL,${r ? num(r.total) : 0},${r ? num(r.any_mentions) : 0}`);
  }
});
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`peer_duckdb: DuckDB ${(await (await conn.runAndReadAll('select version() v')).getRowObjectsJS())[0].v}, ` +
  `query ${((performance.now() - t0) / 1000).toFixed(1)} s; exclusions by regexp_replace, mentions by regexp_extract_all (see header)\n`);
conn.closeSync?.();
