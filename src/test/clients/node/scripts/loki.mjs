// Sends three log lines to Pipelog with winston-loki (snappy protobuf by default, JSON with json=true).
// usage: node loki.mjs <base url> <proto|json> <job> [basic auth user:password]; exits 0 only when the push succeeded.
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const winston = require('winston');
const LokiTransport = require('winston-loki');

const [base, kind, job, basicAuth] = process.argv.slice(2);
let failure = null;
const transport = new LokiTransport({
  host: base.replace(/\/$/, ''), json: kind === 'json', batching: true, interval: 0.1,
  labels: { job, env: 'test' }, basicAuth, format: winston.format.json(), replaceTimestamp: false, clearOnError: false,
  onConnectionError: (err) => { failure = err; },
});
const logger = winston.createLogger({ transports: [transport] });
logger.error({ message: 'load failed via ' + kind, labels: { stage: 'load' } });
logger.warn('rows skipped');
logger.info('json line', { rows: 7 });
await transport.flush();
await transport.close();
if (failure) {
  console.error('winston-loki failed:', String(failure));
  process.exit(1);
}
console.log('pushed');
