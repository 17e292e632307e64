import type { Core } from '../core.ts';
import { nextVietnamMidnight } from './deadline.ts';
import { refreshAllOpenTasks } from './task-refresh.ts';

/**
 * Deadlines pass at midnight Vietnam time whether or not anyone acts: one pass at start-up (the server may have been
 * down when a deadline passed), then one just after every midnight.
 */
export function startTaskClock(core: Core, log: (line: string) => void = () => {}): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const wait = Math.max(1000, nextVietnamMidnight(new Date()).getTime() - Date.now() + 1000);
    timer = setTimeout(async () => {
      try {
        const { changed } = await refreshAllOpenTasks(core);
        log(`Qua nửa đêm: cập nhật trạng thái ${changed} nhiệm vụ.`);
      } catch (err) {
        log(`Không cập nhật được trạng thái nhiệm vụ: ${String(err)}`);
      }
      schedule();
    }, wait);
    timer.unref();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
