import { Interface, isError, type InterfaceAbi } from 'ethers';
import { artifacts } from '#contracts';

let combined: Interface | undefined;

/** One interface over every Tally contract's ABI, to name custom errors. */
function allErrors(): Interface {
  if (!combined) {
    const fragments = Object.values(artifacts as Record<string, { abi: InterfaceAbi }>)
      .flatMap((a) => a.abi as readonly { type: string }[])
      .filter((f) => f.type === 'error');
    const seen = new Set<string>();
    combined = new Interface(
      fragments.filter((f) => {
        const key = JSON.stringify(f);
        return seen.has(key) ? false : (seen.add(key), true);
      }),
    );
  }
  return combined;
}

function formatArg(v: unknown): string {
  return typeof v === 'bigint' ? v.toString() : typeof v === 'string' ? v : JSON.stringify(v);
}

/** Names a revert: a custom error with its arguments, `Error(string)`, a panic, or the raw data. */
export function describeRevertData(data: string | null | undefined): string {
  if (!data || data === '0x') return 'reverted without a reason';
  try {
    const parsed = allErrors().parseError(data);
    if (parsed) return `${parsed.name}(${parsed.args.map(formatArg).join(', ')})`;
  } catch {
    /* not one of ours */
  }
  try {
    const std = new Interface(['error Error(string)', 'error Panic(uint256)']).parseError(data);
    if (std?.name === 'Error') return String(std.args[0]);
    if (std?.name === 'Panic') return `panic 0x${(std.args[0] as bigint).toString(16)}`;
  } catch {
    /* unknown selector */
  }
  return `reverted with data ${data.slice(0, 74)}`;
}

/** True when the node says the call reverts (as opposed to a transport or node failure). */
export function isRevert(err: unknown): boolean {
  return isError(err, 'CALL_EXCEPTION');
}

export function revertReasonOf(err: unknown): string {
  const e = err as { data?: string; info?: { error?: { data?: string } }; reason?: string | null };
  const data = e.data ?? e.info?.error?.data;
  if (data && data !== '0x') return describeRevertData(data);
  return e.reason ?? 'reverted without a reason';
}
