// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {IDocumentAnchor} from "./interfaces/IDocumentAnchor.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title DocumentAnchor
/// @notice Append-only registry of document-batch Merkle roots. See {IDocumentAnchor}.
/// @dev Two storage slots per anchoring keep `anchor` near 70k gas: batch id -> root, and
///      root -> (anchoredAt, blockNumber) packed in one slot. The batch id of a root is not
///      stored; it is an indexed topic of {RootAnchored} (filter the logs by root).
contract DocumentAnchor is IDocumentAnchor, AccessControlDefaultAdminRules {
    /// @inheritdoc IDocumentAnchor
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    /// @dev When a root was anchored; both fields share one slot.
    struct Anchoring {
        uint64 anchoredAt;
        uint64 blockNumber;
    }

    mapping(bytes32 batchId => bytes32 root) private _rootOfBatch;
    mapping(bytes32 root => Anchoring) private _anchorings;

    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes ANCHORER_ROLE.
    constructor(address admin) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin)) {}

    /// @inheritdoc IDocumentAnchor
    function anchor(bytes32 batchId, bytes32 root) external onlyRole(ANCHORER_ROLE) {
        if (batchId == bytes32(0)) revert DocumentAnchor__ZeroBatchId();
        if (root == bytes32(0)) revert DocumentAnchor__ZeroRoot();
        if (_rootOfBatch[batchId] != bytes32(0)) revert DocumentAnchor__BatchAlreadyAnchored(batchId);
        if (_anchorings[root].anchoredAt != 0) revert DocumentAnchor__RootAlreadyAnchored(root);

        // Plain casts: block timestamps and numbers stay far below 2^64 for billions of years.
        uint64 anchoredAt = uint64(block.timestamp);
        _rootOfBatch[batchId] = root;
        _anchorings[root] = Anchoring({anchoredAt: anchoredAt, blockNumber: uint64(block.number)});
        emit RootAnchored(batchId, root, anchoredAt, _msgSender());
    }

    /// @inheritdoc IDocumentAnchor
    function batchOf(bytes32 batchId) external view returns (bytes32 root, uint64 anchoredAt, uint64 blockNumber) {
        root = _rootOfBatch[batchId];
        if (root != bytes32(0)) {
            Anchoring memory a = _anchorings[root];
            (anchoredAt, blockNumber) = (a.anchoredAt, a.blockNumber);
        }
    }

    /// @inheritdoc IDocumentAnchor
    function rootAnchoredAt(bytes32 root) external view returns (uint64) {
        return _anchorings[root].anchoredAt;
    }

    /// @inheritdoc IDocumentAnchor
    function isAnchored(bytes32 root) public view returns (bool) {
        return _anchorings[root].anchoredAt != 0;
    }

    /// @inheritdoc IDocumentAnchor
    function verify(bytes32 root, bytes32[] calldata proof, bytes32 documentHash) external view returns (bool) {
        // The leaf is computed here, never taken from the caller: a double hash of a 32-byte value
        // cannot equal an inner node (a hash of 64 bytes), so an inner node cannot pass as a leaf.
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(documentHash))));
        return isAnchored(root) && MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @inheritdoc IDocumentAnchor
    function verifyEncoded(bytes32 root, bytes32[] calldata proof, bytes calldata leafValue) external view returns (bool) {
        // As in {verify}: the leaf is the double hash of the caller's value, never the caller's hash.
        bytes32 leaf = keccak256(bytes.concat(keccak256(leafValue)));
        return isAnchored(root) && MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @dev Also answers for {IDocumentAnchor} (ERC-165).
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IDocumentAnchor).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert DocumentAnchor__ZeroAdmin();
        return admin;
    }
}
