import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { useAddCaseNote } from './api.js';

/**
 * Add a note to a case's timeline (the case page, a mission card). A field write: offline it waits in
 * the outbox and says so.
 */
export function CaseNoteForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const add = useAddCaseNote(caseId);
  const [note, setNote] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (add.isPending || !note.trim()) return;
    setSaid(null);
    add.mutate(
      { note },
      {
        onSuccess: (r) => {
          setNote('');
          setSaid(r.status === 'queued' ? t('offline.outbox.queuedNotice') : t('offline.note.saved'));
        },
      },
    );
  };
  return (
    <form className="form case-note" onSubmit={submit} data-testid="case-note-form">
      <label htmlFor={id}>{t('offline.note.label')}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="case-note-text"
      />
      {add.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(add.error)}
        </p>
      ) : null}
      <p role="status" className="muted" data-testid="case-note-said">
        {said}
      </p>
      <button
        type="submit"
        className="button"
        aria-disabled={add.isPending || !note.trim()}
        data-testid="case-note-submit"
      >
        {t('offline.note.submit')}
      </button>
    </form>
  );
}
