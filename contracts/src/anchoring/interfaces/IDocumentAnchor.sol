// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IDocumentAnchor
/// @notice Anchors the Merkle roots of document batches (bills, invoices, pool reports) on chain,
///         so anyone holding a document and its proof can check it was part of an anchored batch.
/// @dev Leaves follow OpenZeppelin's StandardMerkleTree format with leaf encoding `['bytes32']`:
///      the leaf of a document hash is `keccak256(bytes.concat(keccak256(abi.encode(documentHash))))`.
///      {verify} takes the document hash and computes the leaf itself, so that an inner node of a
///      tree can never be presented as a leaf.
///      A root and a batch id can each be anchored once; anchorings are never changed or removed.
interface IDocumentAnchor {
    // ---------------------------------------------------------------- events

    /// @notice Emitted once when the Merkle `root` of batch `batchId` has been anchored.
    /// @param batchId The off-chain batch id the root belongs to.
    /// @param root The Merkle root of the batch.
    /// @param anchoredAt `block.timestamp` of the anchoring, in seconds.
    /// @param anchorer The account (holding ANCHORER_ROLE) that anchored the root.
    event RootAnchored(bytes32 indexed batchId, bytes32 indexed root, uint64 anchoredAt, address indexed anchorer);

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error DocumentAnchor__ZeroAdmin();

    /// @notice The batch id is zero (zero marks "no batch" in storage).
    error DocumentAnchor__ZeroBatchId();

    /// @notice The root is zero (zero marks "no root" in storage).
    error DocumentAnchor__ZeroRoot();

    /// @notice Batch `batchId` already has an anchored root.
    error DocumentAnchor__BatchAlreadyAnchored(bytes32 batchId);

    /// @notice `root` has already been anchored (for any batch).
    error DocumentAnchor__RootAlreadyAnchored(bytes32 root);

    // ---------------------------------------------------------------- roles

    /// @notice Role allowed to call {anchor}: `keccak256("ANCHORER_ROLE")`, administered by
    ///         DEFAULT_ADMIN_ROLE (granted with `grantRole`, taken back with `revokeRole`).
    function ANCHORER_ROLE() external view returns (bytes32);

    // ---------------------------------------------------------------- writes

    /// @notice Anchors `root` as the Merkle root of batch `batchId`.
    /// @dev Only callable by ANCHORER_ROLE. Reverts with {DocumentAnchor__ZeroBatchId},
    ///      {DocumentAnchor__ZeroRoot}, {DocumentAnchor__BatchAlreadyAnchored} or
    ///      {DocumentAnchor__RootAlreadyAnchored}. Emits {RootAnchored}.
    /// @param batchId The off-chain batch id, not zero, not anchored before.
    /// @param root The Merkle root of the batch, not zero, not anchored before.
    function anchor(bytes32 batchId, bytes32 root) external;

    // ---------------------------------------------------------------- views

    /// @notice The anchoring of batch `batchId`; all zero when the batch is not anchored.
    /// @return root The anchored Merkle root.
    /// @return anchoredAt `block.timestamp` of the anchoring, in seconds.
    /// @return blockNumber The number of the block that anchored it.
    function batchOf(bytes32 batchId) external view returns (bytes32 root, uint64 anchoredAt, uint64 blockNumber);

    /// @notice `block.timestamp` at which `root` was anchored, or 0 when it is not anchored.
    function rootAnchoredAt(bytes32 root) external view returns (uint64);

    /// @notice Whether `root` has been anchored.
    function isAnchored(bytes32 root) external view returns (bool);

    /// @notice Whether the document with hash `documentHash` is a leaf of the tree of the anchored `root`.
    /// @dev False when `root` is not anchored, whatever the proof. The leaf is computed here as
    ///      `keccak256(bytes.concat(keccak256(abi.encode(documentHash))))`.
    /// @param root An anchored Merkle root.
    /// @param proof The sibling hashes from the leaf up to the root (OpenZeppelin sorted-pair hashing).
    /// @param documentHash The document's hash (the StandardMerkleTree `bytes32` value, e.g. a SHA-256).
    function verify(bytes32 root, bytes32[] calldata proof, bytes32 documentHash) external view returns (bool);

    /// @notice Whether the value `leafValue` (the `abi.encode` of a StandardMerkleTree leaf's values, e.g.
    ///         a loan-tape asset's `[tokenId, faceAmount, dueDate, obligor, fingerprint]`) is a leaf of
    ///         the tree of the anchored `root`.
    /// @dev The leaf is computed here as `keccak256(bytes.concat(keccak256(leafValue)))`, so an inner
    ///      node cannot pass as a leaf. False when `root` is not anchored.
    function verifyEncoded(bytes32 root, bytes32[] calldata proof, bytes calldata leafValue) external view returns (bool);
}
