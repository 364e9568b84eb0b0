import { useState } from 'react';
import { Box, Button, Divider, ListItemText, Menu, MenuItem, Typography } from '@mui/material';
import AccountCircle from '@mui/icons-material/AccountCircle';
import { AppBar, Logout, TitlePortal, useGetIdentity } from 'react-admin';

/** react-admin's app bar, with the signed-in user and organization as the account menu's button. */
export const TallyAppBar = () => (
  <AppBar userMenu={<AccountMenu />}>
    <TitlePortal />
  </AppBar>
);

const AccountMenu = () => {
  const { identity } = useGetIdentity();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  const name = identity?.fullName;
  const organization = typeof identity?.organizationName === 'string' ? identity.organizationName : undefined;
  const email = typeof identity?.email === 'string' ? identity.email : undefined;

  return (
    <>
      <Button
        color="inherit"
        onClick={(event) => setAnchor(event.currentTarget)}
        startIcon={<AccountCircle />}
        aria-label="Account"
        aria-haspopup
        aria-controls={anchor ? 'account-menu' : undefined}
        data-testid="user-menu"
        sx={{ textTransform: 'none', textAlign: 'left' }}
      >
        <Box sx={{ display: 'flex', flexDirection: 'column', lineHeight: 1.2 }}>
          <Typography variant="body2" component="span" sx={{ fontWeight: 500 }} data-testid="app-user-name">
            {name ?? ''}
          </Typography>
          {organization && (
            <Typography
              variant="caption"
              component="span"
              sx={{ opacity: 0.85, display: { xs: 'none', sm: 'block' } }}
              data-testid="app-user-organization"
            >
              {organization}
            </Typography>
          )}
        </Box>
      </Button>
      <Menu
        id="account-menu"
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        disableScrollLock
      >
        <MenuItem disabled sx={{ '&.Mui-disabled': { opacity: 1 } }}>
          <ListItemText primary={name} secondary={[email, organization].filter(Boolean).join(' · ')} />
        </MenuItem>
        <Divider />
        <Logout data-testid="logout" />
      </Menu>
    </>
  );
};
