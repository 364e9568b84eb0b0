import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEthereumAddress, IsString, IsUUID, Matches } from 'class-validator';
import { WalletChainStatus, WalletKind, type WalletEntity } from '../wallets/wallet.entity.js';

export class WalletDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() address: string;
  @ApiProperty({ enum: WalletKind }) kind: WalletKind;
  @ApiProperty({ enum: WalletChainStatus, description: 'What the outbox has done in the IdentityRegistry' }) chainStatus: WalletChainStatus;
  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'IdentityRegistry.isVerified now (null: chain unreachable)' })
  verifiedOnChain: boolean | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(w: WalletEntity, verifiedOnChain: boolean | null): WalletDto {
    return {
      id: w.id,
      organizationId: w.organizationId,
      address: w.address,
      kind: w.kind,
      chainStatus: w.chainStatus,
      verifiedOnChain,
      createdAt: w.createdAt.toISOString(),
    };
  }
}

export class CreateChallengeDto {
  @ApiProperty({ example: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' })
  @IsEthereumAddress()
  address: string;
}

export class ChallengeDto {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() address: string;
  @ApiProperty({ description: 'Sign exactly this text with personal_sign (EIP-191)' }) message: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class BindWalletDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  challengeId: string;

  @ApiProperty({ description: '65-byte EIP-191 signature, 0x-prefixed hex' })
  @IsString()
  @Matches(/^0x[0-9a-fA-F]{130}$/, { message: 'signature must be 0x followed by 130 hex characters' })
  signature: string;
}
