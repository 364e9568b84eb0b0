import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, ErrorBody, OrgRole, PlatformRole, type Principal } from '#core';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserPageDto, UsersService } from '#identity';

@ApiTags('users')
@ApiNotFoundResponse({ type: ErrorBody })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'EMAIL_TAKEN' })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(p, dto);
  }

  @Get()
  @Access.roles(PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR, OrgRole.ORG_ADMIN)
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(p, q);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: UserDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserDto> {
    return this.users.get(p, id);
  }

  @Patch(':id')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @ApiOkResponse({ type: UserDto })
  update(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(p, id, dto);
  }
}
