import { useEffect, useRef } from 'preact/hooks';
import type { EChartsType } from '../charts/echarts.ts';

export type ChartOption = Record<string, unknown>;
type ECharts = typeof import('../charts/echarts.ts');

let loading: Promise<ECharts> | undefined;

/** Loads the chart library once; a failed load (the server restarting) is retried, then forgotten so a later call can try again. */
export function loadECharts(): Promise<ECharts> {
  loading ??= (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await import('../charts/echarts.ts');
      } catch (err) {
        if (attempt >= 5) {
          loading = undefined;
          throw err;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
    }
  })();
  return loading;
}

interface Props {
  option: ChartOption;
  label: string;
  class?: string;
  /** Runs before the first option is set (register a map…). */
  prepare?: (echarts: ECharts) => void | Promise<void>;
  onChart?: (chart: EChartsType) => void;
  testId?: string;
}

/** An ECharts chart drawn as SVG, resized with its box, updated in place when the option changes (values animate). */
export function EChart({ option, label, class: cls, prepare, onChart, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void (async () => {
      const echarts = await loadECharts();
      await prepare?.(echarts);
      if (disposed || !box.current) return;
      const instance = echarts.init(box.current, undefined, { renderer: 'svg', locale: 'EN' });
      chart.current = instance;
      instance.setOption(latest.current);
      onChart?.(instance);
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(box.current);
    })();
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option);
  }, [option]);

  return <div ref={box} class={`chart${cls ? ` ${cls}` : ''}`} role="img" aria-label={label} data-testid={testId} />;
}
