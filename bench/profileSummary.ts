/*
 * Summarises a .cpuprofile: self time by function and by package, and
 * inclusive (total) time of the functions in this repository's src/.
 *
 *   npx tsx bench/profileSummary.ts out/profiles/c.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [path, topArg] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: profileSummary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;

const byId = new Map<number, ProfileNode>();
const parent = new Map<number, number>();
for (const node of profile.nodes) {
  byId.set(node.id, node);
  for (const child of node.children ?? []) parent.set(child, node.id);
}

function where(frame: CallFrame): string {
  const url = frame.url;
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  if (url.startsWith('node:')) return 'node:internal';
  const local = /\/work\/[^/]+\/(.*)$/.exec(url);
  return local ? (local[1] as string) : url;
}
function key(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'}  ${where(frame)}:${frame.lineNumber + 1}`;
}
function group(frame: CallFrame): string {
  const w = where(frame);
  if (w.startsWith('src/')) return `ours: ${w}`;
  return w;
}

const self = new Map<string, number>();
const selfGroup = new Map<string, number>();
const inclusiveOurs = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(profile.samples[i] as number) as ProfileNode;
  total += dt;
  self.set(key(node.callFrame), (self.get(key(node.callFrame)) ?? 0) + dt);
  selfGroup.set(group(node.callFrame), (selfGroup.get(group(node.callFrame)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    if (!where(frame).startsWith('src/')) continue;
    const k = key(frame);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusiveOurs.set(k, (inclusiveOurs.get(k) ?? 0) + dt);
  }
}

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((x, y) => y[1] - x[1]).slice(0, n)) {
    console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
};
console.log(`${path}: ${(total / 1e6).toFixed(2)} s sampled`);
print('self time by package / file', selfGroup, top);
print('self time by function', self, top);
print('total (inclusive) time of functions in src/', inclusiveOurs, top);
