import { Chip, Stack } from '@mui/material';

/** A row of small chips, e.g. the roles of an organization or a user. */
export const ChipList = ({ values, testId }: { values: readonly string[] | undefined; testId?: string }) => (
  <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }} data-testid={testId}>
    {(values ?? []).map((value) => (
      <Chip key={value} label={value} size="small" variant="outlined" />
    ))}
  </Stack>
);
