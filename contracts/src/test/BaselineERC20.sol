// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title BaselineERC20
/// @notice TEST ONLY, never deployed by the platform: a plain OpenZeppelin ERC-20 with an open
///         mint, the gas baseline the TrancheToken's transfer is compared against.
contract BaselineERC20 is ERC20 {
    constructor() ERC20("Baseline", "BASE") {}

    /// @notice Mints `amount` to `to` (anyone may call).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
