import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Access, CurrentPrincipal, ErrorBody, type Principal } from '#core';
import { AcceptInviteDto, AuthService, InvitesService, LoginDto, MeDto, RefreshDto, TokenPairDto, UsersService, type UserEntity } from '#identity';
import { LoginGuard } from './login.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly invites: InvitesService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access.public()
  @UseGuards(LoginGuard)
  @ApiOperation({ summary: 'Log in with email and password (throttled per account and per IP)' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'Unknown email or wrong password (indistinguishable)' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'Locked out for a while; see Retry-After' })
  login(@Req() req: { user: UserEntity }): Promise<TokenPairDto> {
    return this.auth.login(req.user);
  }

  @Post('refresh')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({ summary: 'Rotate the refresh token; a reused one revokes its whole family' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Access.public()
  @ApiOperation({ summary: 'End the session of this refresh token (its family)' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Post('invites/accept')
  @HttpCode(204)
  @Access.public()
  @ApiOperation({ summary: 'A new user sets a password with the one-time invite link mailed to them' })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'INVITE_INVALID: unknown, used or expired link; or a bad password' })
  async acceptInvite(@Body() dto: AcceptInviteDto): Promise<void> {
    await this.invites.accept(dto.token, dto.password);
  }

  @Get('me')
  @Access.authenticated()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.users.me(principal);
  }
}
