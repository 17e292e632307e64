import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Figure } from './stats.ts';

export type Verdict = 'MET' | 'MISSED' | '';

/** One line of the report: a figure beside its target and what it is compared with. */
export interface ReportLine {
  name: string;
  value: string;
  /** "median of 5 runs, min–max …" */
  spread: string;
  target: string;
  verdict: Verdict;
  baseline: string;
}

export interface Report {
  title: string;
  date: string;
  command: string;
  machine: string;
  code: string;
  settings: string;
  lines: ReportLine[];
  notes: string[];
}

const group = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const count = (n: number): string => (Number.isFinite(n) ? group.format(n) : 'n/a');

export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const digits = Math.abs(n) < 10 ? 2 : Math.abs(n) < 100 ? 1 : 0;
  return `${digits === 0 ? count(n) : n.toFixed(digits)} ms`;
}

export const seconds = (n: number): string => (Number.isFinite(n) ? `${(n / 1_000).toFixed(1)} s` : 'n/a');
export const megabytes = (bytes: number): string => (Number.isFinite(bytes) ? `${count(bytes / 1e6)} MB` : 'n/a');
export const percent = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(x < 0.1 ? 2 : 1)} %` : 'n/a');
export const times = (x: number): string => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : count(x)}×` : 'n/a');
export const millions = (n: number): string => `${(n / 1e6).toFixed(n < 1e6 ? 2 : 1)} M`;

export function spread(f: Figure, unit: (n: number) => string, what = 'runs'): string {
  if (f.runs === 0) return 'not measured';
  return f.runs === 1 ? `1 ${what.replace(/s$/, '')}` : `median of ${f.runs} ${what}, ${unit(f.min)}–${unit(f.max)}`;
}

export const verdict = (ok: boolean, measured = true): Verdict => (!measured ? '' : ok ? 'MET' : 'MISSED');

/** The report as the console shows it: one figure a line, target and verdict beside it. */
export function printReport(report: Report, write: (line: string) => void): void {
  const w = {
    name: Math.max(...report.lines.map((l) => l.name.length)),
    value: Math.max(...report.lines.map((l) => l.value.length)),
    target: Math.max(...report.lines.map((l) => l.target.length)),
  };
  write('');
  write(`${report.title} — ${report.date}`);
  write(`machine: ${report.machine}`);
  write(`command: ${report.command}`);
  write(`code: ${report.code}`);
  write(`settings: ${report.settings}`);
  write('');
  for (const l of report.lines) {
    const main = `${l.name.padEnd(w.name)}  ${l.value.padStart(w.value)}  ${l.target.padEnd(w.target)}  ${l.verdict.padEnd(6)}`;
    write(`${main}  ${l.baseline}`.trimEnd());
    if (l.spread) write(`${' '.repeat(w.name + 2)}(${l.spread})`);
  }
  if (report.notes.length > 0) write('');
  for (const n of report.notes) write(`* ${n}`);
}

const HEADER = '# Benchmark results\n\nWritten by `npm run bench` (see bench/README.md); newest first.\n';

/** Puts the run at the top of bench/RESULTS.md, under the header. */
export function recordReport(file: string, report: Report): void {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const section = [
    `## ${report.date} — ${report.title}`,
    '',
    `- command: \`${report.command}\``,
    `- machine: ${report.machine}`,
    `- code: ${report.code}`,
    `- settings: ${report.settings}`,
    '',
    '| figure | median | min–max (runs) | target | verdict | baseline |',
    '| --- | ---: | --- | --- | --- | --- |',
    ...report.lines.map((l) => `| ${cell(l.name)} | ${cell(l.value)} | ${cell(l.spread)} | ${cell(l.target)} | ${l.verdict} | ${cell(l.baseline)} |`),
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  if (!existsSync(file)) return writeFileSync(file, `${HEADER}\n${section}`);
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n## ');
  if (at < 0) return appendFileSync(file, `\n${section}`);
  writeFileSync(file, `${text.slice(0, at + 1)}${section}\n${text.slice(at + 1)}`);
}
