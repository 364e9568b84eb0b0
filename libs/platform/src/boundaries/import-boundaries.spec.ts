import { join } from 'node:path';
import { ESLint } from 'eslint';

/** The boundary rule of eslint.config.mjs is on and fires on planted violations (ESLint's Node API, the project's config). */
const root = process.cwd();
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint no-restricted-imports)', () => {
  it("refuses a lib importing another lib's internals", async () => {
    const errors = await boundaryErrors(
      "import { WalletEntity } from '../../../identity/src/wallets/wallet.entity.js';\nexport const x = WalletEntity;\n",
      'libs/bills/src/bills/planted.ts',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/public index/);
  });

  it('refuses an app importing another app, type-only or not', async () => {
    const errors = await boundaryErrors(
      "import type { StatusDto } from '../../api/src/status/status.dto.js';\nexport type S = StatusDto;\n",
      'apps/cli/src/planted.ts',
    );
    expect(errors).toHaveLength(1);
  });

  it('refuses #lib/<path> subpaths, paths into libs/ and re-exports of internals', async () => {
    const errors = await boundaryErrors(
      [
        "import { BillEntity } from '#bills/bills/bill.entity';",
        "import { ChainJobEntity } from '../../../../libs/chain/src/outbox/chain-job.entity.js';",
        "export { OutboxWorker } from '../../../chain/src/outbox/outbox-worker.js';",
        'export const x = [BillEntity, ChainJobEntity];',
      ].join('\n'),
      'libs/settlement/src/planted.ts',
    );
    const refused = new Set(errors.map((e) => e.split("'")[1]));
    expect([...refused].sort()).toEqual([
      '#bills/bills/bill.entity',
      '../../../../libs/chain/src/outbox/chain-job.entity.js',
      '../../../chain/src/outbox/outbox-worker.js',
    ]);
  });

  it('accepts public indexes and relative imports inside a lib', async () => {
    const errors = await boundaryErrors(
      "import { ParticipantDirectory } from '#identity';\nimport { BillEntity } from '../bills/bill.entity.js';\nexport const x = [ParticipantDirectory, BillEntity];\n",
      'libs/bills/src/financing/planted.ts',
    );
    expect(errors).toEqual([]);
  });

  it('holds for the code as it is (the CLI no longer imports the API app)', async () => {
    const results = await eslint.lintFiles(['apps/cli/src/**/*.ts', 'libs/bills/src/**/*.ts', 'libs/settlement/src/**/*.ts']);
    expect(
      results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}: ${m.message}`)),
    ).toEqual([]);
  });
});
