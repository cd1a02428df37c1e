import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { paymentMethods, reverseInput, type PaymentMethod } from '../../../shared/contracts/funds.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import {
  formatKes,
  useLedger,
  useOpenFund,
  useRecordReceipt,
  useReverseEntry,
  type ReverseReason,
} from './api.js';

const reasons = reverseInput.shape.reason.options;

/** Finance's bookkeeping: open a fund, record money received into a float, reverse an entry. */
export function FundsAdmin() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!rolesAllow(user.roles, 'funds:manage')) return null;
  return (
    <section className="card" data-testid="funds-admin" aria-labelledby="funds-admin-title">
      <h2 id="funds-admin-title">{t('funds.admin.title')}</h2>
      <OpenFund />
      <Receipt />
      <Reverse />
    </section>
  );
}

function Outcome({ error, done }: { error: unknown; done: string | null }) {
  if (error) {
    return (
      <p className="alert alert--error" role="alert">
        {errorText(error)}
      </p>
    );
  }
  return done ? (
    <p className="alert alert--ok" role="status">
      {done}
    </p>
  ) : null;
}

function OpenFund() {
  const { t } = useTranslation();
  const open = useOpenFund();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    open.mutate(
      { code: code.trim(), name: name.trim() },
      { onSuccess: () => (setDone(t('funds.admin.fundOpened', { name })), setCode(''), setName('')) },
    );
  };
  return (
    <form onSubmit={submit} data-testid="fund-open" noValidate>
      <h3>{t('funds.admin.openFund')}</h3>
      <Outcome error={open.error} done={done} />
      <div className="field-row">
        <p className="field">
          <label htmlFor="fund-code">{t('funds.admin.code')}</label>
          <input id="fund-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </p>
        <p className="field">
          <label htmlFor="fund-name">{t('funds.admin.name')}</label>
          <input id="fund-name" value={name} onChange={(e) => setName(e.target.value)} />
        </p>
      </div>
      <button type="submit" className="button">
        {t('funds.admin.openFund')}
      </button>
    </form>
  );
}

function Receipt() {
  const { t, i18n } = useTranslation();
  const ledger = useLedger();
  const receipt = useRecordReceipt();
  const funds = (ledger.data?.accounts ?? []).filter((a) => a.kind === 'fund');
  const [fundId, setFundId] = useState('');
  const [into, setInto] = useState<PaymentMethod>('mpesa');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const ok = /^\d{1,8}(\.\d{1,2})?$/.test(amount.trim()) && Number(amount) >= 1;
    setInvalid(!ok);
    if (!ok || !(fundId || funds[0])) return;
    const amountCents = Math.round(Number(amount) * 100);
    receipt.mutate(
      { fundId: fundId || funds[0]!.id, into, amountCents, reference: reference.trim() },
      {
        onSuccess: () => {
          setDone(t('funds.admin.received', { amount: formatKes(amountCents, i18n.language) }));
          setAmount('');
          setReference('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} data-testid="fund-receipt" noValidate>
      <h3>{t('funds.admin.receipt')}</h3>
      <p className="muted">{t('funds.admin.receiptIntro')}</p>
      <Outcome error={receipt.error} done={done} />
      <div className="field-row">
        <p className="field">
          <label htmlFor="receipt-fund">{t('funds.fund')}</label>
          <select id="receipt-fund" value={fundId} onChange={(e) => setFundId(e.target.value)}>
            {funds.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="receipt-into">{t('funds.method')}</label>
          <select id="receipt-into" value={into} onChange={(e) => setInto(e.target.value as PaymentMethod)}>
            {paymentMethods.map((m) => (
              <option key={m} value={m}>
                {t(`funds.methods.${m}`)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="receipt-amount">{t('funds.amount')}</label>
          <input
            id="receipt-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={invalid ? true : undefined}
          />
          {invalid ? <span className="field__error">{t('funds.invalidAmount')}</span> : null}
        </p>
        <p className="field">
          <label htmlFor="receipt-ref">{t('funds.reference')}</label>
          <input id="receipt-ref" value={reference} onChange={(e) => setReference(e.target.value)} />
        </p>
      </div>
      <button type="submit" className="button">
        {t('funds.admin.recordReceipt')}
      </button>
    </form>
  );
}

function Reverse() {
  const { t, i18n } = useTranslation();
  const ledger = useLedger();
  const reverse = useReverseEntry();
  const reversed = new Set((ledger.data?.entries ?? []).map((e) => e.reversesEntryId).filter(Boolean));
  const entries = (ledger.data?.entries ?? []).filter((e) => !e.reversesEntryId && !reversed.has(e.id));
  const [id, setId] = useState('');
  const [reason, setReason] = useState<ReverseReason>('entered_in_error');
  const [done, setDone] = useState<string | null>(null);
  const amountOf = (lines: { debitCents: number }[]) => lines.reduce((s, l) => s + l.debitCents, 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!id) return;
    reverse.mutate({ id, reason }, { onSuccess: () => (setDone(t('funds.admin.reversed')), setId('')) });
  };
  return (
    <form onSubmit={submit} data-testid="fund-reverse" noValidate>
      <h3>{t('funds.admin.reverse')}</h3>
      <Outcome error={reverse.error} done={done} />
      <div className="field-row">
        <p className="field">
          <label htmlFor="reverse-entry">{t('funds.admin.entry')}</label>
          <select id="reverse-entry" value={id} onChange={(e) => setId(e.target.value)}>
            <option value="">{t('funds.choose')}</option>
            {entries.map((e) => (
              <option key={e.id} value={e.id}>
                {[e.kind, e.caseReference, e.reference, formatKes(amountOf(e.lines), i18n.language)]
                  .filter(Boolean)
                  .join(' · ')}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="reverse-reason">{t('funds.admin.reason')}</label>
          <select
            id="reverse-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value as ReverseReason)}
          >
            {reasons.map((r) => (
              <option key={r} value={r}>
                {t(`funds.admin.reasons.${r}`)}
              </option>
            ))}
          </select>
        </p>
      </div>
      <button type="submit" className="button button--warning" disabled={!id}>
        {t('funds.admin.reverse')}
      </button>
    </form>
  );
}
