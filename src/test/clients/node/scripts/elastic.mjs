// Sends ECS documents to Pipelog with the official Elasticsearch client's helpers.bulk.
// usage: node elastic.mjs <base url> <token> <index>; exits 0 only when every document was stored.
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const { Client } = require('@elastic/elasticsearch');

const [base, token, index] = process.argv.slice(2);
const client = new Client({ node: base, auth: { username: 'pipelog', password: token } });
const info = await client.info();
if (info.tagline !== 'You Know, for Search') {
  console.error('unexpected root document', JSON.stringify(info));
  process.exit(1);
}
const docs = [
  { '@timestamp': '2026-11-28T10:15:30.123Z', log: { level: 'error', logger: 'etl.load' }, message: 'load failed',
    trace: { id: '4bf92f3577b34da6a3ce929d0e0e4736' }, span: { id: '00f067aa0ba902b7' },
    error: { stack_trace: 'Error: boom\n    at load (etl.js:7)' }, process: { pid: 4242 }, host: { name: 'es-host' },
    labels: { team: 'data' } },
  { '@timestamp': '2026-11-28T10:15:31Z', 'log.level': 'warn', message: 'named pipeline', 'service.name': 'es_service' },
];
const dropped = [];
const result = await client.helpers.bulk({
  datasource: docs,
  onDocument: () => ({ index: { _index: index } }),
  onDrop: (d) => dropped.push(d),
});
await client.close();
if (result.failed !== 0 || result.successful !== docs.length || dropped.length) {
  console.error('bulk failed', JSON.stringify(result), JSON.stringify(dropped));
  process.exit(1);
}
console.log('indexed', result.successful);
