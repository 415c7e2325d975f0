// Sends three events to Pipelog with seq-logging, Seq's own Node client (the {"Events":[...]} JSON
// body on /api/events/raw, its API key in X-Seq-ApiKey).
// usage: node seq.mjs <base url> <api key> <application>; exits 0 only when every batch was accepted.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const require = createRequire(process.cwd() + '/');
// seq-logging is an ES module with top-level await: import it from the installed tree.
const seq = await import(pathToFileURL(require.resolve('seq-logging')).href);

const [base, apiKey, application] = process.argv.slice(2);
let failure = null;
const logger = new seq.Logger({ serverUrl: base, apiKey, maxRetries: 1, onError: (e) => { failure = e; } });
logger.emit({
  timestamp: new Date('2026-11-28T10:15:30.123Z'), level: 'Error',
  messageTemplate: 'Loaded {Rows} rows into {Table}',
  properties: { Rows: 1200, Table: 'orders', Application: application, SourceContext: 'Etl.Load', ExecutionId: 'exec_9' },
  exception: 'System.Exception: boom\n   at Etl.Load()',
});
logger.emit({ timestamp: new Date(), level: 'Verbose', messageTemplate: 'tick {N}', properties: { N: 1, Application: application } });
logger.emit({ timestamp: new Date(), level: 'Warning', messageTemplate: 'disk at {Percent}%', properties: { Percent: 91, Application: application } });
await logger.close();
if (failure) {
  console.error('seq-logging failed:', String(failure));
  process.exit(1);
}
console.log('sent');
