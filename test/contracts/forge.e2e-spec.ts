// Runs the Solidity property tests (contracts/test/*.t.sol: fuzz and invariant tests of the
// tranche token, bill registry splits and holders, settlement supply, DvP atomicity and consent, roles)
// with forge, so `npm test` (and CI) runs them too. forge compiles through the solc-js shim in
// contracts/forge/ (TOOLCHAIN.md); the first run compiles everything (~30 s), later runs reuse
// contracts/forge/out.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FORGE = join(ROOT, 'node_modules', '.bin', 'forge');

/** The property tests that must run, by suite; a test removed or renamed fails this spec. */
const EXPECTED: Record<string, string[]> = {
  'contracts/test/TrancheToken.t.sol:TrancheTokenInvariantTest': [
    'invariant_canTransferAgreesWithTransfers()',
    'invariant_onlyVerifiedHoldersHoldNotes()',
    'invariant_totalSupplyIsSumOfBalances()',
  ],
  'contracts/test/TrancheToken.t.sol:TrancheTokenFuzzTest': [
    'testFuzz_expiredVerificationStopsTransfers(uint64,uint64)',
    'testFuzz_recoveryMovesTheBalanceAndKeepsTheFreeze(uint128,bool)',
    'testFuzz_transferMovesExactlyTheAmountOrRefusesOnBalance(uint128,uint128)',
    'testFuzz_unverifiedReceiverIsAlwaysRefused(address,uint256,bool)',
  ],
  'contracts/test/TrancheToken.t.sol:TrancheTokenHandlerTest': ['test_handlerMovesAndRefusesNotes()'],
  'contracts/test/BillRegistry.t.sol:BillRegistryInvariantTest': ['invariant_oneHolderPerBill()', 'invariant_splitsConserveFaceValue()'],
  'contracts/test/BillRegistry.t.sol:BillRegistryFuzzTest': ['testFuzz_splitConservesTheAmount(uint128,uint256,uint8,bool)'],
  'contracts/test/BillRegistry.t.sol:BillRegistryHandlerTest': ['test_handlerSplitsAndMovesBills()'],
  'contracts/test/Settlement.t.sol:SettlementInvariantTest': ['invariant_dvpSettlesBothLegsOrNeither()', 'invariant_supplyIsMintsMinusBurns()'],
  'contracts/test/Settlement.t.sol:SettlementHandlerTest': ['test_handlerSettlesAndRefuses()'],
  'contracts/test/Settlement.t.sol:ConsentFuzzTest': ['testFuzz_onlyTheConsentToThatTradeSettles(uint256,uint256,uint256,uint32)'],
  'contracts/test/Roles.t.sol:RolesFuzzTest': [
    'testFuzz_anchorerCannotMintOrMoveBills(address,uint256)',
    'testFuzz_callersWithoutTheRoleAreRefused(address)',
  ],
  'contracts/test/Roles.t.sol:AdminRulesTest': ['test_everyContractHasOneAdminHandedOverAfterTheDelay()'],
};

interface ForgeTestResult {
  status: string;
  reason: string | null;
  kind: { Fuzz?: { runs: number }; Invariant?: { runs: number; calls: number; reverts: number }; Unit?: unknown };
}

function runForge(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(FORGE, ['test', '--offline', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('forge property tests (contracts/test)', () => {
  it('passes every fuzz and invariant test, and runs exactly the expected ones', async () => {
    const { code, stdout, stderr } = await runForge();
    if (code !== 0) throw new Error(`forge exited with ${code}\n${stderr}\n${stdout.slice(0, 4000)}`);
    // forge prints one JSON object (suite -> results); compiler notes go to stderr
    const line = stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) throw new Error(`no JSON from forge:\n${stdout}\n${stderr}`);
    const suites = JSON.parse(line) as Record<string, { test_results: Record<string, ForgeTestResult> }>;

    const ran = Object.fromEntries(Object.entries(suites).map(([suite, r]) => [suite, Object.keys(r.test_results).sort()]));
    expect(ran).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([suite, tests]) => [suite, [...tests].sort()])));
    const results = Object.values(suites).flatMap((s) => Object.entries(s.test_results));
    expect(results).toHaveLength(Object.values(EXPECTED).flat().length);
    expect(results.length).toBeGreaterThanOrEqual(18);
    for (const [name, result] of results) {
      expect({ name, status: result.status, reason: result.reason }).toEqual({ name, status: 'Success', reason: null });
      if (result.kind.Fuzz) expect(result.kind.Fuzz.runs).toBe(256);
      if (result.kind.Invariant) {
        expect(result.kind.Invariant.runs).toBe(64);
        expect(result.kind.Invariant.calls).toBe(64 * 128);
      }
    }
  }, 600_000);
});
