import { Typography } from '@mui/material';
import { Login, LoginForm, PasswordInput, TextInput, required } from 'react-admin';

/** react-admin's login page, asking for an email (what `POST /api/v1/auth/login` takes). */
export const LoginPage = () => (
  <Login>
    <Typography variant="h5" component="h1" align="center">
      Tally
    </Typography>
    <LoginForm>
      <TextInput
        autoFocus
        source="email"
        label="Email"
        type="email"
        autoComplete="email"
        validate={required()}
      />
      <PasswordInput
        source="password"
        label="Password"
        autoComplete="current-password"
        validate={required()}
      />
    </LoginForm>
  </Login>
);
