import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ALL_ROLES, PageQueryDto, type Role, OptionalNotNull } from '#core';
import type { UserEntity } from '../users/user.entity.js';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'jane@acme.example' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Jane Doe' })
  @IsString()
  @Length(1, 200)
  name: string;

  // no password: the new user sets it through the one-time invite link mailed to them

  @ApiProperty({ enum: ALL_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(ALL_ROLES, { each: true, message: `each role must be one of ${ALL_ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admins only; default: the caller\'s organization' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ALL_ROLES, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(ALL_ROLES, { each: true, message: `each role must be one of ${ALL_ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false: the user can no longer log in, and every session ends' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 12 })
  @OptionalNotNull()
  @IsString()
  @Length(12, 200, { message: 'password must be 12 to 200 characters long' })
  password?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: ALL_ROLES, isArray: true }) roles: Role[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;

  static from(u: UserEntity): UserDto {
    return { id: u.id, email: u.email, name: u.name, organizationId: u.organizationId, roles: u.roles, active: u.active, createdAt: u.createdAt.toISOString(), version: u.version };
  }
}

export class AcceptInviteDto {
  @ApiProperty({ description: 'The token of the invite link' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @Length(12, 200, { message: 'password must be 12 to 200 characters long' })
  password: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class MeDto extends UserDto {
  @ApiProperty() organizationName: string;
}

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.tally' }) email: string;
  @ApiProperty() password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'access token lifetime, seconds' }) expiresIn: number;
}
