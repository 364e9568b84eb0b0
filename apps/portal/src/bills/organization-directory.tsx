import { Box, Tooltip } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetIdentity } from 'react-admin';
import type { Organization, OrganizationRole } from '../api/identity-types';
import { NO_SORT } from '../common/list-defaults';
import type { TallyDataProvider } from '../providers/data-provider';

/** Enough for every organization a platform user sees on one page; others see only their own. */
const DIRECTORY_PAGE_SIZE = 200;

export interface DirectoryEntry {
  id: string;
  legalName: string;
  roles: OrganizationRole[];
}

export interface OrganizationDirectory {
  /** The organizations the caller may read (`GET /organizations`: all for platform roles, else its own). */
  entries: DirectoryEntry[];
  /** Approved participants other than the caller's own (`GET /counterparties`), to name and pick counterparties. */
  counterparties: DirectoryEntry[];
  nameOf(id: string | null | undefined): string | undefined;
  /** The signed-in user's organization and its business roles (SUPPLIER, FINANCIER...). */
  ownOrganizationId: string | undefined;
  ownRoles: OrganizationRole[];
  isPending: boolean;
}

/**
 * Names for organization ids. `GET /organizations` answers every organization to platform roles
 * and only the caller's own to everyone else; `GET /counterparties` names every approved
 * participant (docs/architecture.md, "Counterparty directory"); the names of a bill's own parties
 * also come with the bill (`supplierName`, `buyerName`, `holderName`). An organization known to
 * none of these (one not approved) shows "an organization". Nothing here asks for an
 * organization the caller may not read (which would answer 404).
 */
export function useOrganizationDirectory(): OrganizationDirectory {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { identity } = useGetIdentity();
  const ownOrganizationId = typeof identity?.organizationId === 'string' ? identity.organizationId : undefined;
  const ownName = typeof identity?.organizationName === 'string' ? identity.organizationName : undefined;
  const { data, isPending } = useQuery({
    // Under the resource's key, so react-admin's refresh refetches it with the rest.
    queryKey: ['organizations', 'directory'],
    queryFn: async ({ signal }) =>
      (
        await dataProvider.getList<Organization>('organizations', {
          pagination: { page: 1, perPage: DIRECTORY_PAGE_SIZE },
          sort: NO_SORT,
          filter: {},
          signal,
        })
      ).data,
    staleTime: 60_000,
    enabled: ownOrganizationId !== undefined,
  });
  const { data: counterpartyRows } = useQuery({
    queryKey: ['organizations', 'counterparties'],
    queryFn: ({ signal }) => dataProvider.getCounterparties({ signal }),
    staleTime: 60_000,
    enabled: ownOrganizationId !== undefined,
  });
  const entries: DirectoryEntry[] = (data ?? []).map(({ id, legalName, roles }) => ({ id, legalName, roles }));
  const counterparties: DirectoryEntry[] = (counterpartyRows ?? []).filter((entry) => entry.id !== ownOrganizationId);
  const names = new Map([...counterparties, ...entries].map((entry) => [entry.id, entry.legalName]));
  if (ownOrganizationId && ownName && !names.has(ownOrganizationId)) names.set(ownOrganizationId, ownName);
  return {
    entries,
    counterparties,
    nameOf: (id) => (id ? names.get(id) : undefined),
    ownOrganizationId,
    ownRoles: entries.find((entry) => entry.id === ownOrganizationId)?.roles ?? [],
    isPending: ownOrganizationId === undefined || isPending,
  };
}

/** An organization's legal name (from the directory, or `name` given with the record), else its short id (full id on hover). */
export const OrganizationName = ({
  id,
  name: given,
  directory,
  testId,
}: {
  id: string | null | undefined;
  name?: string;
  directory: OrganizationDirectory;
  testId?: string;
}) => {
  if (!id) return <span data-testid={testId}>—</span>;
  const name = directory.nameOf(id) ?? given;
  const own = id === directory.ownOrganizationId;
  if (name) {
    return (
      <span data-testid={testId} data-organization-id={id} title={id}>
        {name}
        {own ? ' (you)' : ''}
      </span>
    );
  }
  // no name the caller may know: say so rather than show an id nobody can read
  return (
    <Tooltip title="An organization that is not (or no longer) an approved participant">
      <Box component="span" data-testid={testId} data-organization-id={id} sx={{ fontStyle: 'italic' }}>
        {directory.isPending ? '…' : 'another organization'}
      </Box>
    </Tooltip>
  );
};
