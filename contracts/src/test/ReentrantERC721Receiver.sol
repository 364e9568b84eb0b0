// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// A test double: calling back with arbitrary data and bubbling its revert data up is its purpose.
// solhint-disable avoid-low-level-calls, no-inline-assembly

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @title ReentrantERC721Receiver
/// @notice TEST ONLY, never deployed by the platform: a malicious ERC-721 receiver. Once armed
///         with a call (target and calldata, e.g. `BillRegistry.split` of the bill it is receiving,
///         a `transferFrom` of it, or `BillDvP.settleFinancing`), its `onERC721Received` makes that
///         call and bubbles any revert, so a reentrancy guard in the target makes the whole
///         transaction revert. Unarmed, it accepts every token. As a contract wallet it consents
///         to a DvP trade by ERC-1271: a digest approved with {approveDigest} is a valid signature.
contract ReentrantERC721Receiver is IERC721Receiver, IERC1271 {
    address public target;
    bytes public callData;
    /// @notice Calls made from `onERC721Received` that succeeded (stays 0 when a guard works).
    uint256 public reentries;
    /// @notice Digests this wallet has signed (ERC-1271).
    mapping(bytes32 digest => bool) public approvedDigests;

    /// @notice Signs `digest` the ERC-1271 way: from now on {isValidSignature} accepts it.
    function approveDigest(bytes32 digest) external {
        approvedDigests[digest] = true;
    }

    /// @notice ERC-1271: valid when the digest was approved, whatever the signature bytes.
    function isValidSignature(bytes32 digest, bytes calldata) external view returns (bytes4) {
        return approvedDigests[digest] ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    /// @notice Sets the call to make on the next receipts; `target` zero disarms.
    function arm(address target_, bytes calldata callData_) external {
        target = target_;
        callData = callData_;
    }

    /// @notice Makes the armed call, bubbling its revert data, then accepts the token.
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        address to = target;
        if (to != address(0)) {
            target = address(0); // one attempt per arming, so a successful call cannot recurse forever
            (bool ok, bytes memory returned) = to.call(callData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(returned, 0x20), mload(returned))
                }
            }
            ++reentries;
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    /// @notice Lets the receiver call anything as itself (e.g. `approve` or ERC-721 transfers in tests).
    function execute(address to, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory returned) = to.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
        return returned;
    }
}
