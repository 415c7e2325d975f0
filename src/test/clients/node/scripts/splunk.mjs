// Sends two events to Pipelog with splunk-logging, Splunk's own HEC client (POST /services/collector/event/1.0,
// "Authorization: Splunk <token>", a form content type over a JSON body).
// usage: node splunk.mjs <base url> <token> <source>; exits 0 only when both were answered {"code":0}.
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const SplunkLogger = require('splunk-logging').Logger;

const [base, token, source] = process.argv.slice(2);
const logger = new SplunkLogger({ token, url: base.replace(/\/$/, ''), maxRetries: 0 });
let failure = null;
logger.error = (err) => { failure = err; };

function send(payload) {
  return new Promise((resolve) => logger.send(payload, (err, resp, body) => {
    if (err || !resp || resp.statusCode !== 200 || !body || body.code !== 0) {
      failure = failure || new Error('HEC answered ' + (resp && resp.statusCode) + ' ' + JSON.stringify(body) + ' ' + err);
    }
    resolve();
  }));
}

await send({ message: 'load failed', severity: 'error',
  metadata: { source, sourcetype: 'node:etl', host: 'node-host', index: 'main', time: 1795860930.5 } });
await send({ message: { event: 'rows loaded', rows: 12 }, severity: 'info', metadata: { source } });
if (failure) {
  console.error('splunk-logging failed:', String(failure));
  process.exit(1);
}
console.log('sent');
