import { useEffect, useRef } from "react";
import type { EChartsCoreOption } from "echarts/core";

let loading: Promise<typeof import("./echarts-setup")> | null = null;
/** ECharts is fetched on the first chart shown (a chunk of its own), once. */
const loadECharts = () => (loading ??= import("./echarts-setup"));

/**
 * A chart drawn by ECharts, loaded lazily. The chart is an image to assistive technology (`label` names it); every
 * chart on a page comes with the table of its figures, which is what keyboard and screen-reader users read.
 */
export function EChart({ option, label, height = 280 }: { option: EChartsCoreOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(option);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void loadECharts().then(({ echarts }) => {
      const el = ref.current;
      if (disposed || !el) return;
      const chart = echarts.init(el, undefined, { renderer: "svg" });
      chart.setOption(JSON.parse(key) as EChartsCoreOption);
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(el);
      el.dataset.ready = "true";
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [key]);
  return <div ref={ref} role="img" aria-label={label} className="echart" style={{ height }} />;
}
