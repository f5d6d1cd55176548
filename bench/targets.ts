/* The targets the bench measures against, printed as one markdown table with PASS or MISS: a miss is shown, never hidden. */
import { printTable } from './stats.js';

export class TargetTable {
  private readonly _rows: string[][] = [];

  add(target: string, measured: string, met: boolean): void {
    this._rows.push([target, measured, met ? 'PASS' : 'MISS']);
  }

  print(): void {
    if (this._rows.length === 0) return console.log('(no target measured in this run)');
    printTable(['target', 'measured', 'verdict'], this._rows);
  }
}
