import { Card, CardContent } from '@mui/material';
import { SavedQueriesList } from 'react-admin';

/**
 * Saved filters of the bill list (search, state, counterparty, due dates and sort), kept in the
 * browser by react-admin's store. Beside the list on wide screens; phones use the filters above.
 */
export const BillListAside = () => (
  <Card
    variant="outlined"
    sx={{ display: { xs: 'none', md: 'block' }, order: -1, mr: 2, mt: 8, alignSelf: 'flex-start', width: 240, flexShrink: 0 }}
    data-testid="bills-saved-queries"
  >
    <CardContent>
      <SavedQueriesList />
    </CardContent>
  </Card>
);
