import { runCli } from './server-process.ts';

export interface RecomputeRun {
  /** The whole command, start-up included. */
  ms: number;
  /** What the command reports for the rebuild itself, when it prints it. */
  reportedMs: number;
  events: number;
  peakRss: number;
}

/** `nhipso recompute` on the stopped server's database: every aggregate, score and rank rebuilt from raw data. */
export async function recompute(dbFile: string): Promise<RecomputeRun> {
  const { stdout, ms, peakRss } = await runCli(['--db', dbFile, 'recompute']);
  // "Đã tính lại từ 710000 sự kiện và 0 số liệu báo cáo: … trong 9510 ms."
  const events = /từ (\d+) sự kiện/.exec(stdout);
  const took = /trong (\d+) ms/.exec(stdout);
  return { ms, reportedMs: took ? Number(took[1]) : Number.NaN, events: events ? Number(events[1]) : Number.NaN, peakRss };
}
