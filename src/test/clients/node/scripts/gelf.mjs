// Sends a GELF message to Pipelog with gelf-pro over TCP or UDP (UDP: zlib-deflated; chunked when large).
// usage: node gelf.mjs <port> <tcp|udp> <pipeline id> [big]; exits 0 when gelf-pro reports it sent.
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const log = require('gelf-pro');

const [port, adapter, pipeline, big] = process.argv.slice(2);
log.setConfig({
  adapterName: adapter,
  adapterOptions: { host: '127.0.0.1', port: Number(port), family: 4 },
  fields: { pipeline_id: pipeline, facility: 'etl' },
});
const message = big ? 'big ' + 'x'.repeat(20000) + ' ' + Math.random().toString(36) : 'load failed via ' + adapter;
log.error(message, { full_message: 'Traceback: boom', logger: 'etl.load', rows: 12 }, (err, bytes) => {
  if (err) {
    console.error('gelf-pro failed:', String(err));
    process.exit(1);
  }
  console.log('sent', bytes);
});
