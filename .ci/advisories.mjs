/* eslint-disable no-console -- a CI script: its output is the report. */
// Production dependencies must carry no high or critical advisory. Asks the registry's audit endpoint;
// where that endpoint is unreachable (some mirrors and proxies answer 405), it says so plainly and
// falls back to the next best evidence: every direct production dependency is on its latest release.
import { execFileSync } from 'node:child_process';

function npm(args) {
  try {
    return execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    return err.stdout ?? '';
  }
}

const audit = JSON.parse(npm(['audit', '--omit=dev', '--json']) || '{}');
if (audit.metadata?.vulnerabilities) {
  const v = audit.metadata.vulnerabilities;
  console.log(`npm audit: ${v.critical} critical, ${v.high} high, ${v.moderate} moderate, ${v.low} low`);
  if (v.critical + v.high > 0) process.exit(1);
  process.exit(0);
}
console.log(
  `npm audit endpoint unavailable (${audit.message ?? audit.error?.summary ?? 'no answer'}); checking releases instead`,
);
const outdated = JSON.parse(npm(['outdated', '--omit=dev', '--json']) || '{}');
const pkg = JSON.parse(npm(['pkg', 'get', 'dependencies']) || '{}');
const behind = Object.entries(outdated).filter(([name, o]) => name in pkg && o.current !== o.latest);
for (const [name, o] of behind) console.log(`  ${name}: ${o.current} (latest ${o.latest})`);
console.log(`${behind.length} direct production dependencies behind their latest release`);
process.exit(behind.length > 0 ? 1 : 0);
