// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title BaselineERC721
/// @notice TEST ONLY, never deployed by the platform: a plain OpenZeppelin ERC-721 with an open
///         mint, the gas baseline the BillRegistry's issue and transfer are compared against.
contract BaselineERC721 is ERC721 {
    constructor() ERC721("Baseline", "BASE") {}

    /// @notice Mints `tokenId` to `to` (anyone may call), without the receiver check.
    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }

    /// @notice Mints `tokenId` to `to` (anyone may call), with the `onERC721Received` check.
    function safeMint(address to, uint256 tokenId) external {
        _safeMint(to, tokenId);
    }
}
