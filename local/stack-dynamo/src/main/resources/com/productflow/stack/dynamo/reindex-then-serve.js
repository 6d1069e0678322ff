'use strict'
// Started as: node --require exit-with-parent.js reindex-then-serve.js <dynalite's cli.js> [dynalite's flags]
//
// dynalite writes an item's index entries and then the item itself, in separate LevelDB writes (its
// updateIndexes, then itemDb.put). A process killed between them leaves an index entry that no item
// backs (a registration cut short) or that names an old value (an update cut short), and dynalite never
// repairs it: a Query of the index returns it for ever. So, with --path, every secondary index is
// checked against the table's items before the server starts (with dynalite's own getIndexActions) and
// the differences are written in one atomic batch; a kill during the check changes nothing. Then
// dynalite's cli.js runs with the same flags.
const { createRequire } = require('module')
const { resolve } = require('path')

const cli = resolve(process.argv[2])
process.argv.splice(2, 1) // cli.js reads its flags from argv[2] on
const fromDynalite = createRequire(cli)
const pathFlag = process.argv.indexOf('--path')
const dataPath = pathFlag > 0 ? process.argv[pathFlag + 1] : null

// dynalite's keys are '<sub-db name>~<key>'; names never hold '~' (DynamoDB names are [A-Za-z0-9_.-]),
// so every key of a sub-db sorts below '<name>\x7f'.
function range (prefix) {
  return { gte: prefix, lt: prefix.slice(0, -1) + '\x7f' }
}

function canonical (value) {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']'
  if (value && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map(k => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}'
  }
  return JSON.stringify(value)
}

async function reindex (path) {
  const { Level } = fromDynalite('level')
  const { getIndexActions } = fromDynalite('./db')
  const db = new Level(path, { valueEncoding: 'json' })
  await db.open()
  let removed = 0, written = 0
  try {
    const tables = []
    for await (const table of db.values(range('table~'))) tables.push(table)
    for (const table of tables) {
      const ops = []
      for (const type of [ 'Local', 'Global' ]) {
        const indexes = table[type + 'SecondaryIndexes'] || []
        if (!indexes.length) continue
        const indexPrefix = name => 'index-' + type.toLowerCase() + '~' + table.TableName + '~' + name + '~'
        const expected = new Map()
        for await (const item of db.values(range('item-' + table.TableName + '~'))) {
          for (const put of getIndexActions(indexes, null, item, table).puts) {
            expected.set(indexPrefix(put.index) + put.key, put.item)
          }
        }
        for (const index of indexes) {
          for await (const [ key, value ] of db.iterator(range(indexPrefix(index.IndexName)))) {
            const want = expected.get(key)
            expected.delete(key)
            if (want === undefined) {
              ops.push({ type: 'del', key })
              removed++
            }
            else if (canonical(want) !== canonical(value)) {
              ops.push({ type: 'put', key, value: want })
              written++
            }
          }
        }
        for (const [ key, value ] of expected) {
          ops.push({ type: 'put', key, value })
          written++
        }
      }
      if (ops.length) await db.batch(ops)
    }
  }
  finally {
    await db.close()
  }
  if (removed + written) {
    console.log('dynamodb: repaired the indexes a crash left inconsistent: ' + removed + ' entries without their item removed, '
      + written + ' entries rewritten from their item')
  }
}

(dataPath ? reindex(dataPath) : Promise.resolve())
  .then(() => require(cli))
  .catch(err => {
    console.error('dynamodb: cannot check the indexes in ' + dataPath + ': ' + (err && err.stack || err))
    process.exit(1)
  })
