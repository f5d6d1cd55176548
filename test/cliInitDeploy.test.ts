/* `init-deploy`, run in this process on real folders. */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './cliRun.js';

const ROOT = join(import.meta.dirname, '..');

/** The kit as the repository holds it. */
const KIT = [
  'collector-config.yaml',
  'deploy/alerts.yml',
  'deploy/grafana/dashboards/agent-review.json',
  'deploy/grafana/provisioning/dashboards/agent-review.yaml',
  'deploy/grafana/provisioning/datasources/prometheus.yaml',
  'deploy/jaeger-config.yaml',
  'deploy/prometheus.yml',
  'docker-compose.yaml',
];

async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  const files = [];
  for (const name of names) if ((await stat(join(dir, name))).isFile()) files.push(name);
  return files.sort();
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-init-deploy-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('init-deploy', () => {
  it('writes the kit as the repository holds it, and lists each file it wrote', async () => {
    const target = join(dir, 'kit');
    const { code, stdout, stderr } = await cli(['init-deploy', target]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(KIT.map(file => `${join(target, file)}\n`).join(''));
    expect(await filesUnder(target)).toEqual(KIT);
    for (const file of KIT) {
      expect(await readFile(join(target, file), 'utf8'), file).toBe(await readFile(join(ROOT, file), 'utf8'));
    }
  });

  it('refuses to overwrite, names the files in the way, writes nothing and exits 1', async () => {
    await mkdir(join(dir, 'deploy'));
    await writeFile(join(dir, 'deploy/alerts.yml'), 'mine\n');
    await writeFile(join(dir, 'docker-compose.yaml'), 'mine\n');
    const { code, stdout, stderr } = await cli(['init-deploy', dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `init-deploy: 2 file(s) exist in ${dir}, nothing written (--force overwrites):\n` +
        `  ${join(dir, 'deploy/alerts.yml')}\n  ${join(dir, 'docker-compose.yaml')}\n`
    );
    expect(await filesUnder(dir)).toEqual(['deploy/alerts.yml', 'docker-compose.yaml']);
    expect(await readFile(join(dir, 'docker-compose.yaml'), 'utf8')).toBe('mine\n');
  });

  it('overwrites with --force', async () => {
    await writeFile(join(dir, 'docker-compose.yaml'), 'mine\n');
    const { code } = await cli(['init-deploy', dir, '--force']);
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'docker-compose.yaml'), 'utf8')).toBe(await readFile(join(ROOT, 'docker-compose.yaml'), 'utf8'));
    expect(await filesUnder(dir)).toEqual(KIT);
  });

  it('keeps files it does not write', async () => {
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    expect((await cli(['init-deploy', dir])).code).toBe(0);
    expect(await filesUnder(dir)).toEqual([...KIT, 'notes.txt'].sort());
  });
});
