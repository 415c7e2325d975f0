// Sends two log records to Pipelog with the OpenTelemetry JS SDK and one of its OTLP exporters.
// usage: node otlp-logs.mjs <base url> <http|proto> <pipeline id>; exits 0 only when the export succeeded.
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const { LoggerProvider, SimpleLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { SeverityNumber } = require('@opentelemetry/api-logs');

const [base, kind, pipeline] = process.argv.slice(2);
const { OTLPLogExporter } = require(kind === 'proto'
  ? '@opentelemetry/exporter-logs-otlp-proto' : '@opentelemetry/exporter-logs-otlp-http');
const real = new OTLPLogExporter({ url: new URL('v1/logs', base).toString() });
// The processor reports a failed export only to the diagnostic logger: keep each result ourselves.
const results = [];
const exporter = {
  export: (logs, done) => real.export(logs, (result) => { results.push(result); done(result); }),
  forceFlush: () => real.forceFlush(),
  shutdown: () => real.shutdown(),
};
const provider = new LoggerProvider({
  resource: resourceFromAttributes({ 'service.name': 'node-service', 'host.name': 'node-host' }),
  processors: [new SimpleLogRecordProcessor({ exporter })],
});
const logger = provider.getLogger('node.etl', '2.0.0');
logger.emit({
  severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: 'load failed via ' + kind,
  timestamp: new Date('2026-11-28T10:15:30.123Z'),
  attributes: { 'pipeline.id': pipeline, 'code.function': 'load', 'code.lineno': 7, rows: 12 },
});
logger.emit({ severityNumber: SeverityNumber.WARN, body: { msg: 'structured', n: 2 },
  attributes: { pipeline_id: pipeline } });

await provider.forceFlush();
await provider.shutdown();
const failures = results.filter((r) => r.code !== 0);
if (results.length === 0 || failures.length > 0) {
  console.error('export failed:', results.length, 'results', failures.map((f) => String(f.error)));
  process.exit(1);
}
console.log('exported', results.length);
