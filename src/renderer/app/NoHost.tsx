// Shown when the page has no host to talk to (opened directly, or the connection could not be made).

export function NoHost({ error }: { error?: string }) {
  return (
    <div className="empty">
      <div className="empty-card">
        <h1>Arrayport</h1>
        {error ? <p role="alert">Could not reach the host: {error}</p> : <p>This page has no host to talk to.</p>}
        <p className="muted">
          Start the desktop app, or run <code>arrayport serve</code> and open the address it prints (with its token).
          For a demo with generated data, add <code>?mock</code> to the address.
        </p>
      </div>
    </div>
  );
}
