// An HDF5 file's tree (role=tree): groups fold, datasets open as datasets of their own, the chosen node's attributes are listed.
import { useState } from 'react';
import type { H5TreeNode } from '../../shared/array-view.js';
import type { DatasetInfo } from '../../shared/dataset.js';

interface Props {
  readonly file: DatasetInfo;
  readonly onOpen: (path: string) => void;
}

export function H5Tree({ file, onOpen }: Props) {
  const [chosen, setChosen] = useState<H5TreeNode | null>(null);
  if (!file.tree) return <div className="grid-empty">{file.state === 'failed' ? 'This file could not be opened.' : 'Reading the file’s structure…'}</div>;
  return (
    <div className="h5-panel">
      <section className="h5-tree-box" aria-label="HDF5 tree">
        <h2 className="grid-title">{file.name}</h2>
        <ul role="tree" aria-label={`Contents of ${file.name}`} className="h5-tree">
          <Node node={file.tree} depth={1} chosen={chosen} onChoose={setChosen} onOpen={onOpen} />
        </ul>
      </section>
      <section className="h5-details" aria-label="Attributes">
        {chosen ? (
          <>
            <h3>{chosen.path}</h3>
            {chosen.kind === 'dataset' && (
              <p className="muted">
                {chosen.shape === null ? 'empty' : `shape (${(chosen.shape ?? []).join(', ')})`} · {chosen.dtype}
                {chosen.filters?.length ? ` · ${chosen.filters.join(', ')}` : ''}
              </p>
            )}
            {chosen.problem && <p className="dataset-error" role="alert">{chosen.problem}</p>}
            {chosen.kind === 'dataset' && !chosen.problem && <button type="button" onClick={() => onOpen(chosen.path)}>Open {chosen.name}</button>}
            <table className="attr-table">
              <tbody>
                {chosen.attributes.map((a) => <tr key={a.name}><th scope="row">{a.name}</th><td>{a.value}</td></tr>)}
              </tbody>
            </table>
            {chosen.attributes.length === 0 && <p className="muted">No attributes.</p>}
          </>
        ) : <p className="muted">Choose an entry to see its attributes; double-click (or Enter on) a dataset to open it.</p>}
      </section>
    </div>
  );
}

function Node({ node, depth, chosen, onChoose, onOpen }: { node: H5TreeNode; depth: number; chosen: H5TreeNode | null; onChoose: (n: H5TreeNode) => void; onOpen: (p: string) => void }) {
  const [open, setOpen] = useState(depth <= 2);
  const group = node.kind === 'group';
  const label = group ? `${node.name === '/' ? '/' : node.name}` : node.name;
  const detail = node.kind === 'dataset' ? ` ${node.shape === null ? 'empty' : `(${(node.shape ?? []).join('×')})`} ${node.dtype ?? ''}` : '';
  const activate = () => {
    onChoose(node);
    if (group) setOpen(!open);
  };
  return (
    <li role="treeitem" aria-level={depth} aria-expanded={group ? open : undefined} aria-selected={chosen?.path === node.path}
      aria-label={`${label}${detail}`} className={`h5-node h5-${node.kind}${node.problem ? ' h5-problem' : ''}`}>
      <button type="button" className="h5-label" onClick={activate}
        onDoubleClick={() => node.kind === 'dataset' && !node.problem && onOpen(node.path)}
        onKeyDown={(e) => e.key === 'Enter' && node.kind === 'dataset' && !node.problem && onOpen(node.path)}>
        <span aria-hidden="true">{group ? (open ? '▾ ' : '▸ ') : node.kind === 'dataset' ? '▦ ' : '· '}</span>
        {label}<span className="muted">{detail}</span>{node.attributes.length > 0 && <span className="h5-attr-count"> @{node.attributes.length}</span>}
        {node.problem && <span className="h5-warn" title={node.problem}> ⚠</span>}
      </button>
      {group && open && node.children && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((c) => <Node key={c.path} node={c} depth={depth + 1} chosen={chosen} onChoose={onChoose} onOpen={onOpen} />)}
        </ul>
      )}
    </li>
  );
}
