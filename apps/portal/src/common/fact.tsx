import type { ReactNode } from 'react';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { Link, useCreatePath } from 'react-admin';

/** One labelled value of a detail card: the label left, the value right (hashes and ids in monospace). */
export const Fact = ({ label, testId, mono = false, children }: { label: string; testId?: string; mono?: boolean; children: ReactNode }) => (
  <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, py: 0.5, alignItems: 'baseline' }}>
    <Typography variant="body2" color="text.secondary" sx={{ flexShrink: 0 }}>
      {label}
    </Typography>
    <Typography
      variant="body2"
      component="div"
      data-testid={testId}
      sx={{ textAlign: 'right', wordBreak: mono ? 'break-all' : 'break-word', ...(mono ? { fontFamily: 'monospace' } : {}) }}
    >
      {children}
    </Typography>
  </Box>
);

/** Shown instead of a record's page for an unknown id and for a record the caller may not see (both 404). */
export const NotFoundCard = ({ title, backTo, backLabel, testId }: { title: string; backTo: string; backLabel: string; testId: string }) => {
  const createPath = useCreatePath();
  return (
    <Card variant="outlined" data-testid={testId}>
      <CardContent>
        <Typography variant="h6" component="h1" gutterBottom>
          {title}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          It does not exist, or you may not see it.
        </Typography>
        <Button component={Link} to={createPath({ resource: backTo, type: 'list' })} variant="outlined">
          {backLabel}
        </Button>
      </CardContent>
    </Card>
  );
};
