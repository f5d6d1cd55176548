/*
 * `init-deploy DIR`: writes the deployment kit shipped in the package (the
 * compose file, the Collector config, Prometheus with its alert rules,
 * Jaeger, Grafana) into DIR, in the layout the compose file's relative paths
 * expect. It never overwrites a file unless asked to.
 */
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from './CliIo.js';

/** The kit, as paths in the package; a folder stands for everything in it. */
export const DEPLOY_KIT: readonly string[] = [
  'docker-compose.yaml',
  'collector-config.yaml',
  'deploy/prometheus.yml',
  'deploy/alerts.yml',
  'deploy/jaeger-config.yaml',
  'deploy/grafana',
];

/** The package's own root, found through its exports as any consumer would. */
export const packageRoot = (): string =>
  dirname(createRequire(import.meta.url).resolve('agent-review-telemetry/package.json'));

/** Every file of the kit, relative to `root`, sorted. */
export async function deployKitFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of DEPLOY_KIT) {
    if (!(await stat(join(root, path))).isDirectory()) {
      files.push(path);
      continue;
    }
    for (const name of await readdir(join(root, path), { recursive: true })) {
      if ((await stat(join(root, path, name))).isFile()) files.push(join(path, name));
    }
  }
  return files.sort();
}

const exists = (path: string) => access(path, constants.F_OK).then(() => true, () => false);

export function initDeployCommand(io: CliIo): Command {
  const command = new Command('init-deploy')
    .description('write the deployment kit (Docker Compose, Collector, Prometheus and alerts, Jaeger, Grafana) into a folder')
    .argument('<dir>', 'where to write it; created when missing')
    .option('--force', 'overwrite files that exist')
    .addHelpText('after', '\nThen: cd <dir> && docker compose up -d');
  return command.action(async (dir: string, flags: { force?: boolean }) => {
    const root = packageRoot();
    const files = await deployKitFiles(root);
    if (flags.force !== true) {
      const taken = [];
      for (const file of files) if (await exists(join(dir, file))) taken.push(file);
      if (taken.length > 0) {
        io.stderr.write(`init-deploy: ${taken.length} file(s) exist in ${dir}, nothing written (--force overwrites):\n`);
        for (const file of taken) io.stderr.write(`  ${join(dir, file)}\n`);
        io.exitCode = 1;
        return;
      }
    }
    for (const file of files) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      // Without --force, a file that appeared since the check is still not overwritten.
      await copyFile(join(root, file), join(dir, file), flags.force === true ? 0 : constants.COPYFILE_EXCL);
      io.stdout.write(`${join(dir, file)}\n`);
    }
  });
}
