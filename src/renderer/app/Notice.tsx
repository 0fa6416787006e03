// A one-line message under the header (opening, admission warnings, errors) that the user can dismiss.

export interface NoticeInfo {
  readonly kind: 'info' | 'warn' | 'error';
  readonly text: string;
}

export function Notice({ notice, onDismiss }: { notice: NoticeInfo | null; onDismiss: () => void }) {
  return (
    <div className="notice-slot" role="status" aria-live="polite">
      {notice && (
        <div className={`notice notice-${notice.kind}`}>
          <span>{notice.text}</span>
          <button type="button" className="btn-small" onClick={onDismiss} aria-label="Dismiss message">Dismiss</button>
        </div>
      )}
    </div>
  );
}
