// Runs one client build step while holding a lock, so that two builds of the same working tree
// (say `dotnet build Silo` and `dotnet test` started together) never run npm over each other.
//   node scripts/locked.mjs install   npm ci, unless node_modules is already newer than the lock file
//   node scripts/locked.mjs build     npm run build
// Called by ClientBundle.targets.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lockDir = join(tmpdir(), `solara-client-${createHash('sha256').update(clientDir).digest('hex').slice(0, 16)}.lock`);
const staleAfterMs = 15 * 60 * 1000;

const steps = {
  install() {
    if (newer(join(clientDir, 'node_modules', '.package-lock.json'), join(clientDir, 'package-lock.json'))) {
      console.log('node_modules is up to date (installed meanwhile by another build)');
      return 0;
    }
    return run('npm ci --no-audit --no-fund');
  },
  build: () => run('npm run build'),
};

function newer(output, input) {
  try {
    return statSync(output).mtimeMs >= statSync(input).mtimeMs;
  } catch {
    return false;
  }
}

function run(command) {
  const result = spawnSync(command, { cwd: clientDir, stdio: 'inherit', shell: true });
  return result.status ?? 1;
}

function ownerAlive() {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return Date.now() - statSync(lockDir).mtimeMs < staleAfterMs;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error?.code === 'EPERM';
  }
}

async function acquire() {
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') {
        throw error;
      }
    }
    if (!ownerAlive()) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      console.log(`waiting for another build of ${clientDir} to finish (lock ${lockDir})`);
      announced = true;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const step = steps[process.argv[2]];
if (!step) {
  console.error(`usage: node scripts/locked.mjs ${Object.keys(steps).join('|')}`);
  process.exit(2);
}
await acquire();
let status = 1;
try {
  status = step();
} finally {
  rmSync(lockDir, { recursive: true, force: true });
}
process.exit(status);
