// The payer's EIP-712 consent to one DvP trade, exactly as BillDvP checks it: one home for its
// domain, types and message, used by the outbox's bill jobs, the contract tests and the bench.
import type { TypedDataDomain, TypedDataField } from 'ethers';

/** BillDvP's `Consent` argument: the payer's EIP-712 signature over one trade. */
export interface DvpConsentArg {
  deadline: bigint;
  nonce: bigint;
  signature: string;
}

export type DvpConsentKind = 'financing' | 'repayment';

/** A financing pays `amount` (the price) to the holder for the bill; a repayment pays the face. */
export interface DvpTrade {
  billId: string;
  amount: bigint;
  payer: string;
  payee: string;
}

const fields = (amountName: 'price' | 'amount'): TypedDataField[] => [
  { name: 'billId', type: 'bytes32' },
  { name: amountName, type: 'uint256' },
  { name: 'payer', type: 'address' },
  { name: 'payee', type: 'address' },
  { name: 'deadline', type: 'uint256' },
  { name: 'nonce', type: 'uint256' },
];

export const DVP_CONSENT_TYPES: Record<DvpConsentKind, Record<string, TypedDataField[]>> = {
  financing: { FinancingConsent: fields('price') },
  repayment: { RepaymentConsent: fields('amount') },
};

export const dvpConsentDomain = (chainId: bigint | number, billDvP: string): TypedDataDomain => ({
  name: 'Tally BillDvP',
  version: '1',
  chainId,
  verifyingContract: billDvP,
});

/** What signs: an ethers Wallet, HDNodeWallet or any typed-data signer. */
export interface TypedDataSigner {
  signTypedData(domain: TypedDataDomain, types: Record<string, TypedDataField[]>, value: Record<string, unknown>): Promise<string>;
}

/** Signs the consent to one trade; the signer is normally `trade.payer` (tests sign as others on purpose). */
export async function signDvpConsent(
  signer: TypedDataSigner,
  kind: DvpConsentKind,
  trade: DvpTrade,
  opts: { chainId: bigint | number; billDvP: string; deadline: bigint; nonce: bigint },
): Promise<DvpConsentArg> {
  const { billId, amount, payer, payee } = trade;
  const message = { billId, [kind === 'financing' ? 'price' : 'amount']: amount, payer, payee, deadline: opts.deadline, nonce: opts.nonce };
  const signature = await signer.signTypedData(dvpConsentDomain(opts.chainId, opts.billDvP), DVP_CONSENT_TYPES[kind], message);
  return { deadline: opts.deadline, nonce: opts.nonce, signature };
}
