// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// A test double: calling back with arbitrary data and bubbling its revert data up is its purpose.
// solhint-disable avoid-low-level-calls, no-inline-assembly

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title ReentrantERC20
/// @notice TEST ONLY, never deployed by the platform: a malicious settlement token (ERC-20 with
///         EIP-2612 permit and an open mint). Once armed with a call (target and calldata, e.g.
///         `TrancheDvP.settleSubscription` or `SpvVault.payOut`), its next transfer or
///         transferFrom makes that call first and bubbles any revert, so a reentrancy guard in
///         the target makes the whole transaction revert. Unarmed, it is a plain token.
contract ReentrantERC20 is ERC20, ERC20Permit {
    address public target;
    bytes public callData;
    /// @notice Calls made from a transfer that succeeded (stays 0 when a guard works).
    uint256 public reentries;

    constructor() ERC20("Reentrant", "RENT") ERC20Permit("Reentrant") {}

    /// @notice Mints `amount` to `to` (anyone may call).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Sets the call to make on the next transfer; `target` zero disarms.
    function arm(address target_, bytes calldata callData_) external {
        target = target_;
        callData = callData_;
    }

    function _update(address from, address to, uint256 value) internal override {
        address callee = target;
        if (callee != address(0)) {
            target = address(0); // one attempt per arming
            (bool ok, bytes memory returned) = callee.call(callData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(returned, 0x20), mload(returned))
                }
            }
            ++reentries;
        }
        super._update(from, to, value);
    }
}
