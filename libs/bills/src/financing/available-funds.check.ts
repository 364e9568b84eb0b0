import { formatAmount } from '#core';
import { BillErrorCode, BillException } from '../bills.errors.js';

export { formatAmount };

/**
 * An offer is refused when it is made, to the financier who makes it, if the net proceeds it
 * would pay exceed the financier's settlement balance: otherwise the holder's acceptance failed
 * later, with a message showing the financier's balance to the holder (issue 14).
 */
export function assertOfferWithinBalance(balanceMinor: bigint, netProceedsMinor: bigint, currency: string): void {
  if (balanceMinor < netProceedsMinor) {
    throw new BillException(
      BillErrorCode.INSUFFICIENT_FUNDS,
      `The offer pays ${formatAmount(netProceedsMinor, currency)} but your settlement account holds ${formatAmount(balanceMinor, currency)}: deposit more or offer less`,
    );
  }
}

/** The holder learns that the offer cannot be settled now, not what the financier holds. */
export function financierCannotPay(): BillException {
  return new BillException(BillErrorCode.INSUFFICIENT_FUNDS, 'The financier cannot settle this offer now; ask it to top up or pick another offer');
}
