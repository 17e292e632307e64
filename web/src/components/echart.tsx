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

/**
 * An ECharts chart drawn as SVG, made once its box has a size, resized with its box, updated in place when the option
 * changes (values animate). A box with no width or height (hidden, or collapsed for a moment) is never drawn
 * into: ECharts 6.1 throws on a map view with no area (apache/echarts#21706), so the chart keeps its last drawing until
 * the box has an area again.
 */
export function EChart({ option, label, class: cls, prepare, onChart, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let instance: EChartsType | undefined;
    let creating = false;
    let disposed = false;
    const create = async () => {
      creating = true;
      try {
        const echarts = await loadECharts();
        await prepare?.(echarts);
        // The observer calls again once the box has an area back.
        if (disposed || !hasArea(el)) return;
        instance = echarts.init(el, undefined, { renderer: 'svg', locale: 'EN' });
        chart.current = instance;
        instance.setOption(latest.current);
        onChart?.(instance);
      } finally {
        creating = false;
      }
    };
    const observer = new ResizeObserver(() => {
      if (creating || !hasArea(el)) return;
      if (instance) instance.resize();
      else void create();
    });
    observer.observe(el);
    return () => {
      disposed = true;
      observer.disconnect();
      instance?.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option);
  }, [option]);

  return <div ref={box} class={`chart${cls ? ` ${cls}` : ''}`} role="img" aria-label={label} data-testid={testId} />;
}

const hasArea = (el: HTMLElement) => el.clientWidth > 0 && el.clientHeight > 0;
