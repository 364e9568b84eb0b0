import { ApiProperty } from '@nestjs/swagger';

/** `receipt.json`: a self-contained proof, checkable with OpenZeppelin's libraries and any RPC node. */
export class AnchorReceiptDto {
  @ApiProperty({ example: 'tally-anchor-receipt/1' }) format: 'tally-anchor-receipt/1';
  @ApiProperty({ example: '0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the document' })
  documentHash: string;
  @ApiProperty({ type: [String], example: ['bytes32'] }) leafEncoding: ['bytes32'];
  @ApiProperty({ description: 'keccak256(keccak256(abi.encode(documentHash)))' }) leaf: string;
  @ApiProperty({ description: "Position among the batch's leaves sorted by hash" }) leafIndex: number;
  @ApiProperty() leafCount: number;
  @ApiProperty({ type: [String], description: 'Sibling hashes from the leaf to the root (sorted-pair hashing, MerkleProof.sol)' })
  proof: string[];
  @ApiProperty() root: string;
  @ApiProperty({ description: 'bytes32 batch id the root was anchored under' }) batchId: string;
  @ApiProperty({ example: 31337 }) chainId: number;
  @ApiProperty({ description: 'DocumentAnchor contract address' }) contract: string;
  @ApiProperty() txHash: string;
  @ApiProperty() blockNumber: number;
  @ApiProperty({ description: 'block.timestamp of the anchoring block, in seconds' }) blockTimestamp: number;
  @ApiProperty({ format: 'date-time' }) anchoredAt: string;
}
