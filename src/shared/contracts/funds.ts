import { z } from 'zod';

/**
 * Emergency funds (DESIGN §2.3, finance/admin): a request on a case, approval by someone else (two
 * people above a threshold), disbursement by M-Pesa B2C or recorded by hand, and a double-entry ledger.
 * Money is KES in integer cents everywhere.
 */
const trimmed = (max: number) => z.string().trim().max(max);
const uuid = z.string().uuid();

export const fundPurposes = ['bail', 'bond', 'medical', 'transport', 'relocation', 'rent', 'burial'] as const;
export type FundPurpose = (typeof fundPurposes)[number];

export const paymentMethods = ['mpesa', 'bank', 'cash'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const fundRequestStatuses = [
  'requested',
  'approved',
  'paying',
  'paid',
  'failed',
  'cancelled',
] as const;
export type FundRequestStatus = (typeof fundRequestStatuses)[number];

/** The lifecycle as data: where a request may go from each status (the services interpret it). */
export const fundRequestFlow: Record<FundRequestStatus, readonly FundRequestStatus[]> = {
  requested: ['approved', 'cancelled'],
  // Manual records go straight to paid; M-Pesa goes through paying.
  approved: ['paying', 'paid', 'cancelled'],
  paying: ['paid', 'failed'],
  // A failed payment stays open: pay again (another attempt) or cancel.
  failed: ['paying', 'paid', 'cancelled'],
  paid: [],
  cancelled: [],
};

/** At most KES 10,000,000 in one request; at least KES 1. */
const MAX_CENTS = 1_000_000_000;
export const amountCents = z.number().int().min(100).max(MAX_CENTS);

export const fundIdParams = z.object({ id: uuid });
export const caseIdParams = z.object({ id: uuid });

export const fundRequestInput = z
  .object({
    amountCents,
    purpose: z.enum(fundPurposes),
    method: z.enum(paymentMethods),
    /** Encrypted under the case key. */
    beneficiaryName: trimmed(200).min(2),
    /** Required for M-Pesa; normalised to E.164 and encrypted. */
    beneficiaryPhone: trimmed(30).optional(),
    /** The fund (grant) it is charged to; default: the general emergency fund. */
    fundId: uuid.optional(),
    /** Send the beneficiary a bilingual SMS when paid (M-Pesa phone needed). */
    notifyBeneficiary: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'mpesa' && !v.beneficiaryPhone)
      ctx.addIssue({ code: 'custom', path: ['beneficiaryPhone'], message: 'required for M-Pesa' });
    if (v.method === 'mpesa' && v.amountCents % 100 !== 0)
      ctx.addIssue({ code: 'custom', path: ['amountCents'], message: 'M-Pesa pays whole shillings' });
    if (v.notifyBeneficiary && !v.beneficiaryPhone)
      ctx.addIssue({ code: 'custom', path: ['beneficiaryPhone'], message: 'required to send an SMS' });
  });
export type FundRequestInput = z.infer<typeof fundRequestInput>;

export const decisionInput = z.object({ approve: z.boolean() });
export const cancelInput = z.object({
  reason: z.enum(['no_longer_needed', 'duplicate', 'refused', 'other']),
});

/** Disburse: by M-Pesa B2C (the server pays), or a payment made outside recorded by its reference. */
export const disburseInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('mpesa_b2c') }),
  z.object({
    mode: z.literal('manual'),
    method: z.enum(paymentMethods),
    /** M-Pesa transaction code, bank reference or cash receipt number. */
    reference: trimmed(60)
      .min(3)
      .regex(/^[A-Za-z0-9/\-_. ]+$/, 'letters, digits and / - _ . only'),
  }),
]);
export type DisburseInput = z.infer<typeof disburseInput>;

export const fundRequestView = z.object({
  id: uuid,
  caseId: uuid,
  caseReference: z.string(),
  amountCents: z.number().int(),
  purpose: z.enum(fundPurposes),
  method: z.enum(paymentMethods),
  status: z.enum(fundRequestStatuses),
  beneficiaryName: z.string().nullable(),
  /** Masked: the full number never leaves the server. */
  beneficiaryPhoneMasked: z.string().nullable(),
  fundId: uuid,
  requiredApprovals: z.number().int(),
  approvals: z.array(z.object({ userId: uuid, at: z.string() })),
  requestedBy: uuid,
  requestedAt: z.string(),
  failureReason: z.string().nullable(),
  paidAt: z.string().nullable(),
  paymentReference: z.string().nullable(),
  attempts: z.number().int(),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
});
export type FundRequestView = z.infer<typeof fundRequestView>;

/** The approvals queue: no beneficiary, and the case reference only where need-to-know allows. */
export const approvalItem = z.object({
  id: uuid,
  caseId: uuid,
  caseReference: z.string().nullable(),
  amountCents: z.number().int(),
  purpose: z.enum(fundPurposes),
  method: z.enum(paymentMethods),
  requiredApprovals: z.number().int(),
  approvalsSoFar: z.number().int(),
  requestedBy: uuid,
  requestedAt: z.string(),
  /** Whether this user may approve it (not theirs, not already approved by them, within their limit). */
  canApprove: z.boolean(),
});
export type ApprovalItem = z.infer<typeof approvalItem>;

/** Finance's queue: approved requests to pay, payments under way and failed ones to pay again. */
export const payableItem = approvalItem.omit({ canApprove: true, approvalsSoFar: true }).extend({
  status: z.enum(fundRequestStatuses),
  failureReason: z.string().nullable(),
});
export type PayableItem = z.infer<typeof payableItem>;

export const accountKinds = ['fund', 'float', 'case_expense', 'income'] as const;
export const accountView = z.object({
  id: uuid,
  code: z.string(),
  kind: z.enum(accountKinds),
  name: z.string(),
  caseId: uuid.nullable(),
  /** Debits minus credits, in cents (funds and income are credit-normal: negative is money held). */
  balanceCents: z.number().int(),
});
export type AccountView = z.infer<typeof accountView>;

export const journalLineView = z.object({
  accountCode: z.string(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
});
export const journalEntryView = z.object({
  id: uuid,
  at: z.string(),
  kind: z.string(),
  requestId: uuid.nullable(),
  caseReference: z.string().nullable(),
  reference: z.string().nullable(),
  reversesEntryId: uuid.nullable(),
  lines: z.array(journalLineView),
});
export type JournalEntryView = z.infer<typeof journalEntryView>;

export const ledgerView = z.object({
  accounts: z.array(accountView),
  entries: z.array(journalEntryView),
});

export const fundCreateInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{2,40}$/, 'lower-case letters, digits, - and _'),
  name: trimmed(120).min(2),
});
export const receiptInput = z.object({
  fundId: uuid,
  into: z.enum(paymentMethods),
  amountCents,
  reference: trimmed(60).min(3),
});
export const reverseInput = z.object({
  reason: z.enum(['entered_in_error', 'duplicate', 'refunded', 'other']),
});

/** Organisation settings: approval limits per role and the two-approver threshold (cents). */
export const fundsSettings = z.object({
  roleLimitsCents: z.record(z.string(), z.number().int().min(0).max(MAX_CENTS)),
  twoApproverThresholdCents: z.number().int().min(0).max(MAX_CENTS),
  /** Minutes without a Daraja callback before the reconciliation job asks for the transaction status. */
  reconcileAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
export type FundsSettings = z.infer<typeof fundsSettings>;

export const defaultFundsSettings: FundsSettings = {
  roleLimitsCents: { approver: 5_000_000, finance: 2_500_000, leadership: 50_000_000 },
  twoApproverThresholdCents: 5_000_000,
  reconcileAfterMinutes: 10,
};
