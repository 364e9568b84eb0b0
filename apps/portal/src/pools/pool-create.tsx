import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Title, useDataProvider } from 'react-admin';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { poolPath } from './pool-paths';
import { EMPTY_POOL_FORM, poolRequestOf, type PoolFormErrors, type PoolFormValues } from './pool-form.util';

type Field = { key: keyof PoolFormValues; label: string; helper?: string; type?: string };

const GROUPS: { title: string; fields: Field[] }[] = [
  {
    title: 'Pool',
    fields: [
      { key: 'name', label: 'Name' },
      { key: 'currency', label: 'Currency' },
      { key: 'cutOffDate', label: 'Cut-off date', type: 'date' },
    ],
  },
  {
    title: 'Eligibility criteria',
    fields: [
      { key: 'minRemainingTermDays', label: 'Remaining term at least (days)' },
      { key: 'maxRemainingTermDays', label: 'Remaining term at most (days)' },
      { key: 'minFaceAmount', label: 'Face amount at least' },
      { key: 'maxFaceAmount', label: 'Face amount at most' },
    ],
  },
  {
    title: 'Concentration limits',
    fields: [
      { key: 'maxSingleObligorPercent', label: 'One obligor at most (%)' },
      { key: 'maxTop5ObligorsPercent', label: 'Top 5 obligors at most (%)' },
      { key: 'maxSingleSellerPercent', label: 'One seller at most (%)' },
      { key: 'maxPoolBalance', label: 'Pool balance at most' },
      { key: 'maxAssetCount', label: 'Bills at most' },
      { key: 'concentrationBase', label: 'Measure limits against at least', helper: 'so the first bills can enter' },
    ],
  },
];

/**
 * New pool: currency, name, cut-off, eligibility criteria and concentration limits. Always
 * required by the API (not configurable): accepted, unencumbered, held by you, due after today,
 * obligor KYC approved. Inputs are named after the fields (`input[name=cutOffDate]`).
 */
export const PoolCreate = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PoolFormValues>(EMPTY_POOL_FORM);
  const [errors, setErrors] = useState<PoolFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const request = poolRequestOf(values);
    if (!request.ok) {
      setErrors(request.errors);
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      const pool = await dataProvider.createPool(request.body);
      await queryClient.invalidateQueries({ queryKey: ['pools'] });
      navigate(poolPath(pool.id));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const currency = values.currency.trim().toUpperCase() || 'EUR';
  return (
    <Box sx={{ pb: 2, maxWidth: 720 }}>
      <Title title="New pool" />
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent>
          <Stack spacing={3}>
            {GROUPS.map((group) => (
              <Box key={group.title}>
                <Typography variant="subtitle1" gutterBottom>
                  {group.title}
                </Typography>
                <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
                  {group.fields.map((f) => (
                    <TextField
                      key={f.key}
                      name={f.key}
                      label={f.label}
                      type={f.type ?? 'text'}
                      size="small"
                      value={values[f.key]}
                      onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                      error={!!errors[f.key]}
                      helperText={errors[f.key] ?? f.helper ?? (/Amount|Balance|concentrationBase/.test(f.key) ? currency : undefined)}
                      slotProps={{ inputLabel: { shrink: true } }}
                    />
                  ))}
                </Box>
              </Box>
            ))}
            {failure && (
              <Alert severity="error" data-testid="pool-create-error">
                {failure}
              </Alert>
            )}
            <Box>
              <Button variant="contained" onClick={submit} disabled={saving} data-testid="pool-submit">
                Create pool
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
