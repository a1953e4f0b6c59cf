'use strict'
// One check of the official Aerospike Node.js client against a TernDB cluster, seeded with one node's address:
//   node checks.js CHECK HOST PORT NAMESPACE SET [COUNT]
// It prints what it saw as one JSON line {"check": CHECK, ...} and leaves the judging to the Java test
// (NodeClientClusterTest); a line {"check": CHECK, "error": ...} and exit code 1 mean a command threw.

const Aerospike = require('aerospike')
const { isDeepStrictEqual } = require('node:util')

const [check, host, port, namespace, set, countText] = process.argv.slice(2)
const count = Number(countText || 0)
/** Commands each check keeps in flight on the client's event loop. */
const IN_FLIGHT = 64
/** The first few problems of a kind are listed, the rest only counted. */
const SAMPLES_MAX = 10
/** The client announces itself to each node as "1,nodejs-VERSION,APP_ID" (user-agent-set). */
const APP_ID = 'tern-it'

function report (fields) {
  process.stdout.write(JSON.stringify({ check, ...fields }) + '\n')
}

function key (i) {
  return new Aerospike.Key(namespace, set, i)
}

/** The bins of record i: one of each particle type the client writes. */
function binsOf (i) {
  return {
    s: 'value-' + i,
    i,
    d: i + 0.25,
    b: Buffer.from([i & 0xff, (i >> 8) & 0xff, 0, 0xff]),
    l: [i, 'x' + i, [i, i + 1]],
    m: { n: i, name: 'n' + i }
  }
}

/** Runs task(i) for every i in [0, n), at most IN_FLIGHT at once. */
async function forEachKey (n, task) {
  let next = 0
  async function worker () {
    while (next < n) {
      await task(next++)
    }
  }
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, n) }, worker))
}

/** Problems of one kind: a count and the first SAMPLES_MAX. */
class Problems {
  constructor () {
    this.count = 0
    this.samples = []
  }

  add (what) {
    this.count++
    if (this.samples.length < SAMPLES_MAX) this.samples.push(what)
  }
}

const sendKey = new Aerospike.WritePolicy({ key: Aerospike.policy.key.SEND })

function putAll (client, n) {
  return forEachKey(n, i => client.put(key(i), binsOf(i), null, sendKey))
}

/** {"NODE": ["1,nodejs-6.7.1,tern-it", ...]}: each node's answer to user-agents, decoded. */
async function userAgents (client) {
  const agents = {}
  for (const answer of await client.infoAll('user-agents')) {
    const value = answer.info.split('\t')[1] || ''
    agents[answer.host.node_id] = value.split(';').filter(entry => entry.startsWith('user-agent='))
      .map(entry => Buffer.from(entry.slice('user-agent='.length, entry.indexOf(':')), 'base64').toString())
  }
  return agents
}

const checks = {
  async discovery (client) {
    report({ nodes: client.getNodes().map(node => node.name).sort(), userAgents: await userAgents(client) })
  },

  async records (client) {
    await putAll(client, count)
    const wrong = new Problems()
    const absent = new Problems()
    await forEachKey(count, async i => {
      const record = await client.get(key(i))
      if (!isDeepStrictEqual({ ...record.bins }, binsOf(i))) wrong.add({ key: i, bins: record.bins })
      if (!await client.exists(key(i))) absent.add(i)
    })
    const removed = Math.floor(count / 2)
    await forEachKey(removed, i => client.remove(key(i)))
    const stillThere = new Problems()
    const lost = new Problems()
    await forEachKey(count, async i => {
      const exists = await client.exists(key(i))
      if (i < removed && exists) stillThere.add(i)
      if (i >= removed && !exists) lost.add(i)
    })
    report({ written: count, wrong, absent, removed, stillThere, lost })
  },

  async batch (client) {
    await putAll(client, count)
    const reads = Array.from({ length: count }, (_, i) =>
      ({ type: Aerospike.batchType.BATCH_READ, key: key(i), readAllBins: true }))
    const results = await client.batchRead(reads)
    const wrong = new Problems()
    results.forEach((result, i) => {
      if (result.status !== Aerospike.status.OK || !isDeepStrictEqual({ ...result.record.bins }, binsOf(i))) {
        wrong.add({ key: i, status: result.status })
      }
    })
    const neverWritten = Array.from({ length: count }, (_, i) => key(count + i))
    const foundAbsent = new Problems()
    for (const result of await client.batchGet(neverWritten)) {
      if (result.status !== Aerospike.status.ERR_RECORD_NOT_FOUND) foundAbsent.add(result.status)
    }
    report({ rows: results.length, wrong, absentRows: neverWritten.length, foundAbsent })
  },

  async scan (client) {
    await putAll(client, count)
    const times = new Map()
    await new Promise((resolve, reject) => {
      const stream = client.scan(namespace, set).foreach()
      stream.on('data', record => times.set(record.key.key, (times.get(record.key.key) || 0) + 1))
      stream.on('error', reject)
      stream.on('end', resolve)
    })
    const repeated = new Problems()
    const missing = new Problems()
    for (const [k, seen] of times) if (seen !== 1) repeated.add({ key: k, seen })
    for (let i = 0; i < count; i++) if (!times.has(i)) missing.add(i)
    report({ distinct: times.size, repeated, missing })
  },

  async operate (client) {
    const op = Aerospike.operations
    const wrong = new Problems()
    await forEachKey(count, async i => {
      await client.put(key(i), { n: i, s: 'a' })
      const record = await client.operate(key(i),
        [op.incr('n', 5), op.append('s', 'bc'), op.read('n'), op.read('s')])
      if (record.bins.n !== i + 5 || record.bins.s !== 'abc') wrong.add({ key: i, bins: record.bins })
    })
    report({ records: count, wrong })
  },

  async truncate (client) {
    await putAll(client, count)
    await client.truncate(namespace, set, 0)
    const readable = new Problems()
    await forEachKey(count, async i => { if (await client.exists(key(i))) readable.add(i) })
    report({ written: count, readable })
  }
}

async function main () {
  const run = checks[check]
  if (!run) throw new Error('unknown check ' + check)
  const client = await Aerospike.connect({ hosts: [{ addr: host, port: Number(port) }], appId: APP_ID })
  try {
    await run(client)
  } finally {
    await client.close()
  }
}

main().catch(error => {
  report({ error: String((error && error.stack) || error) })
  process.exit(1)
})
