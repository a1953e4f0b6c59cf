'use strict'
// Writes distinct keys with many async commands in flight while the test kills a node, then reads back every
// write the client saw acknowledged:
//   node failover.js HOST PORT NAMESPACE SET
// Lines from the test on stdin: "killed" (a node was just killed), "stable" (the survivors formed a cluster and
// migrated), "stop" (finish the writes in flight, then read back). JSON lines on stdout: {"event":"writing"} once
// WRITES_BEFORE_KILL writes are acknowledged, then one {"check":"failover", ...} with what was seen (or with
// "error" and exit code 1 if a command of the read-back threw).

const Aerospike = require('aerospike')
const readline = require('node:readline')

const [host, port, namespace, set] = process.argv.slice(2)
/** Commands in flight at once on the client's event loop. */
const IN_FLIGHT = 32
/** Acknowledged writes before the test is told to kill a node. */
const WRITES_BEFORE_KILL = 1000
/** Keys per batch of the read-back. */
const READ_BACK_BATCH_KEYS = 256
const SAMPLES_MAX = 10

function print (line) {
  process.stdout.write(JSON.stringify(line) + '\n')
}

function key (i) {
  return new Aerospike.Key(namespace, set, i)
}

/** Writes keys 0, 1, 2, ... until the test says stop; returns the acknowledged ones and the failures' codes. */
async function writeUntilStopped (client, phase) {
  const policy = new Aerospike.WritePolicy({ totalTimeout: 2000, socketTimeout: 1000, maxRetries: 2 })
  const seen = { acknowledged: [], afterKill: 0, afterStable: 0, failures: {}, attempted: 0 }
  let announced = false
  async function writer () {
    while (!phase.stop) {
      const i = seen.attempted++
      try {
        await client.put(key(i), { k: i }, null, policy)
      } catch (error) {
        seen.failures[error.code] = (seen.failures[error.code] || 0) + 1
        continue
      }
      seen.acknowledged.push(i)
      if (phase.killed) seen.afterKill++
      if (phase.stable) seen.afterStable++
      if (!announced && seen.acknowledged.length >= WRITES_BEFORE_KILL) {
        announced = true
        print({ event: 'writing' })
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer))
  return seen
}

/** Reads back every acknowledged key: those not found (with their status) and those with another value. */
async function readBack (client, acknowledged) {
  const missing = { count: 0, samples: [] }
  const wrong = { count: 0, samples: [] }
  for (let from = 0; from < acknowledged.length; from += READ_BACK_BATCH_KEYS) {
    const keys = acknowledged.slice(from, from + READ_BACK_BATCH_KEYS)
    const rows = await client.batchGet(keys.map(key))
    rows.forEach((row, j) => {
      const problem = row.status !== Aerospike.status.OK ? missing : row.record.bins.k !== keys[j] ? wrong : null
      if (problem && problem.count++ < SAMPLES_MAX) problem.samples.push({ key: keys[j], status: row.status })
    })
  }
  return { missing, wrong }
}

async function main () {
  const client = await Aerospike.connect({ hosts: [{ addr: host, port: Number(port) }], appId: 'tern-it' })
  const phase = { killed: false, stable: false, stop: false }
  const input = readline.createInterface({ input: process.stdin })
  input.on('line', line => { phase[line.trim()] = true })
  input.on('close', () => { phase.stop = true }) // the test went away: stop rather than write forever
  try {
    const seen = await writeUntilStopped(client, phase)
    input.close()
    const { missing, wrong } = await readBack(client, seen.acknowledged)
    print({
      check: 'failover',
      attempted: seen.attempted,
      acknowledged: seen.acknowledged.length,
      acknowledgedAfterKill: seen.afterKill,
      acknowledgedAfterStable: seen.afterStable,
      failures: seen.failures,
      nodesAtEnd: client.getNodes().length,
      missing,
      wrong
    })
  } finally {
    await client.close()
  }
}

main().catch(error => {
  print({ check: 'failover', error: String((error && error.stack) || error) })
  process.exit(1)
})
