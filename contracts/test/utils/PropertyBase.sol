// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Shared by the property tests (forge): the few cheatcodes they need through a minimal Vm
// interface (forge-std on npm is too old to use), and seed helpers for handlers.

// forge-std's name for the cheatcode interface
// solhint-disable-next-line interface-starts-with-i
interface Vm {
    function prank(address sender) external;
    function warp(uint256 timestamp) external;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

abstract contract PropertyBase {
    // forge-std's name, so tests read as usual
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev `x` mapped onto [lo, hi].
    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + (x % (hi - lo + 1));
    }

    /// @dev The fuzzer favours edge values (0, max, values seen in storage): hashed, every seed
    ///      picks actors and decisions evenly.
    function _mix(uint256 seed) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed)));
    }

    /// @dev An ECDSA signature as the 65 bytes `r ‖ s ‖ v` that OpenZeppelin's ECDSA takes.
    function _signature(uint256 privateKey, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(privateKey, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev The selector of revert data (zero when it has none).
    function _selector(bytes memory data) internal pure returns (bytes4) {
        return data.length < 4 ? bytes4(0) : bytes4(data);
    }
}
