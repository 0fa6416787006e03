// The live memory panel: system, the segment store against its shared-memory filesystem, and every process's RSS.
import type { ReactNode } from 'react';
import type { MemorySample } from '../../shared/memory.js';
import { formatBytes, percentOf } from '../format/format-units.js';
import { processSeries, series } from './memory-history.js';
import { Sparkline } from './Sparkline.js';

interface Props {
  readonly history: readonly MemorySample[];
}

function Gauge({ label, value, detail, percent, children }: { label: string; value: string; detail: string; percent: number; children: ReactNode }) {
  return (
    <div className="gauge">
      <dt>{label}</dt>
      <dd aria-label={`${label} bytes`}>{value}</dd>
      <dd className="gauge-detail">{detail}</dd>
      <dd className="gauge-bar" aria-hidden="true">
        <span className={percent > 90 ? 'gauge-fill gauge-hot' : 'gauge-fill'} style={{ width: `${percent}%` }} />
      </dd>
      <dd className="gauge-spark" aria-hidden="true">{children}</dd>
    </div>
  );
}

export function MemoryPanel({ history }: Props) {
  const last = history[history.length - 1];
  return (
    <section className="memory" aria-label="Memory">
      <h2 className="panel-title">Memory <span className="muted live">live · 60 s</span></h2>
      {!last ? (
        <p className="muted">Waiting for the first sample…</p>
      ) : (
        <>
          <dl className="gauges">
            <Gauge
              label="System"
              value={formatBytes(last.systemUsedBytes)}
              detail={`of ${formatBytes(last.systemTotalBytes)} used`}
              percent={percentOf(last.systemUsedBytes, last.systemTotalBytes)}
            >
              <Sparkline points={series(history, (s) => s.systemUsedBytes)} now={last.time} />
            </Gauge>
            <Gauge
              label="Store"
              value={formatBytes(last.storeBytes)}
              detail={last.shmCapacityBytes > 0
                ? `${formatBytes(last.shmFreeBytes)} free of ${formatBytes(last.shmCapacityBytes)} shm`
                : 'no shared-memory filesystem; disk temp dir'}
              percent={percentOf(last.shmCapacityBytes - last.shmFreeBytes, last.shmCapacityBytes)}
            >
              <Sparkline points={series(history, (s) => s.storeBytes)} now={last.time} />
            </Gauge>
          </dl>
          <h3 className="subhead">Processes</h3>
          <ul className="processes" aria-label="Processes">
            {last.processes.map((p) => (
              <li key={p.pid} className="process">
                <span className={`role role-${p.role}`}>{p.role}</span>
                <span className="process-label" title={p.pid > 0 ? `pid ${p.pid}` : 'in your browser'}>{p.label}</span>
                <span className="process-rss" aria-label={`${p.label} RSS`}>{formatBytes(p.rssBytes)}</span>
                <Sparkline points={processSeries(history, p.pid)} now={last.time} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
