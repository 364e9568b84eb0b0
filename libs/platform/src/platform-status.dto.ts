import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional() latencyMs?: number;
  @ApiPropertyOptional() detail?: string;
}

export class ChainHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ example: 31337 }) chainId: number;
  @ApiPropertyOptional() blockNumber?: number;
  @ApiPropertyOptional({ format: 'date-time' }) blockTime?: string;
  @ApiPropertyOptional() latencyMs?: number;
  @ApiPropertyOptional({ description: 'Age of the observation in ms: the chain status is refreshed in the background about every 500 ms' })
  ageMs?: number;
  @ApiPropertyOptional() detail?: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty() database: DatabaseHealthDto;
  @ApiProperty() chain: ChainHealthDto;
}

export class DeployedContractDto {
  @ApiProperty({ example: 'DocumentAnchor' }) name: string;
  @ApiProperty({ example: '0x5FbDB2315678afecb367f032d93F642f64180aa3' }) address: string;
  @ApiProperty() deploymentBlock: number;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
}

export class ChainJobCountsDto {
  @ApiProperty() pending: number;
  @ApiProperty() submitted: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() failed: number;
}

export class FeaturesDto {
  @ApiProperty({ description: 'Whether the API requires a login' }) auth: boolean;
}

export class StatusDto {
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['embedded', 'server'] }) mode: 'embedded' | 'server';
  @ApiProperty() database: DatabaseHealthDto;
  @ApiProperty() chain: ChainHealthDto;
  @ApiProperty({ type: [DeployedContractDto] }) contracts: DeployedContractDto[];
  @ApiProperty({ nullable: true, type: ChainJobCountsDto }) jobs: ChainJobCountsDto | null;
  @ApiProperty() features: FeaturesDto;
}
