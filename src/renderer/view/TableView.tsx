// A table dataset as the user inspects it: filter bar, the grid over the current view (sortable headers), and the Statistics panel.
import { useCallback, useMemo, useState } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import { DataGrid } from '../grid/DataGrid.js';
import type { GridView } from '../grid/DataGrid.js';
import type { HeaderActions } from '../grid/header-actions.js';
import { StatsPanel } from '../stats/StatsPanel.js';
import { useColumnStats } from '../stats/use-column-stats.js';
import { FilterBar } from './FilterBar.js';
import { nextSort } from './sort-keys.js';
import { useTableView } from './use-table-view.js';

interface Props {
  readonly api: AppApi;
  readonly dataset: DatasetInfo;
  readonly dark: boolean;
  readonly styleNonce: string | undefined;
}

export function TableView({ api, dataset, dark, styleNonce }: Props) {
  const view = useTableView(api, dataset);
  const [statsOpen, setStatsOpen] = useState(false);
  const [focus, setFocus] = useState<{ column: string; n: number } | null>(null);
  const { shown, wanted, apply } = view;
  const ready = dataset.state === 'ready';

  const chosen = shown?.spec.columns;
  const columns = useMemo(
    () => (chosen ? chosen.flatMap((n) => dataset.columns.filter((c) => c.name === n)) : dataset.columns),
    [chosen, dataset.columns],
  );
  const plain = !shown?.spec.filter && !shown?.spec.sort?.length;
  const grid: GridView = { columns, total: shown ? shown.rows : dataset.rows, viewId: shown?.id, plain };

  const onStats = useCallback((column: string) => {
    setStatsOpen(true);
    setFocus((f) => ({ column, n: (f?.n ?? 0) + 1 }));
  }, []);
  const actions = useMemo<HeaderActions>(() => ({
    sort: wanted.sort ?? [],
    sortable: ready,
    onSort: (column, additive) => apply({ ...wanted, sort: nextSort(wanted.sort ?? [], column, additive) }),
    onStats,
  }), [wanted, ready, apply, onStats]);

  const names = useMemo(() => columns.map((c) => c.name), [columns]);
  const stats = useColumnStats(api, dataset, shown, names, statsOpen);

  return (
    <DataGrid
      api={api}
      dataset={dataset}
      view={grid}
      actions={actions}
      dark={dark}
      styleNonce={styleNonce}
      bar={
        <FilterBar
          view={view}
          columns={dataset.columns}
          totalRows={dataset.rows}
          viewRows={grid.total}
          enabled={ready}
          statsOpen={statsOpen}
          onToggleStats={() => setStatsOpen((o) => !o)}
        />
      }
      side={statsOpen && <StatsPanel dataset={dataset} shown={shown} state={stats} focus={focus} onClose={() => setStatsOpen(false)} />}
    />
  );
}
