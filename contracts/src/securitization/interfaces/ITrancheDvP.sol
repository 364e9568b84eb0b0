// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ISpvVault} from "./ISpvVault.sol";
import {ITrancheToken} from "./ITrancheToken.sol";

/// @title ITrancheDvP
/// @notice Delivery versus payment of one deal's notes at closing: per investor, in one
///         transaction, the investor's settlement tokens go to the deal's SPV vault and the
///         allocated notes are minted to the investor, or neither happens.
/// @dev The platform operator (AGENT_ROLE) submits each settlement; the investor consents with an
///      EIP-2612 permit for exactly the payment (signed off chain by its custodial wallet), never
///      with a standing allowance. This contract needs MINTER_ROLE on each registered tranche
///      token; it never holds tokens. Each subscription id settles at most once.
interface ITrancheDvP {
    // ---------------------------------------------------------------- types

    /// @notice An EIP-2612 permit of the investor for this contract, for exactly the payment.
    struct PermitData {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    // ---------------------------------------------------------------- events

    /// @notice Emitted when `tranche` has been registered (`registered` true) or removed.
    event TrancheRegistered(address indexed tranche, bool registered);

    /// @notice Emitted when subscription `subscriptionId` has settled: `payment` settlement
    ///         tokens from `investor` to the vault, `notes` of `tranche` minted to `investor`.
    event SubscriptionSettled(
        bytes32 indexed subscriptionId, address indexed tranche, address indexed investor, uint256 notes, uint256 payment
    );

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error TrancheDvP__ZeroAdmin();

    /// @notice The vault or settlement token given to the constructor is the zero address.
    error TrancheDvP__ZeroAddress();

    /// @notice The subscription id is zero.
    error TrancheDvP__ZeroId();

    /// @notice Subscription `subscriptionId` has already settled.
    error TrancheDvP__AlreadySettled(bytes32 subscriptionId);

    /// @notice `tranche` is not a registered tranche of this deal.
    error TrancheDvP__UnknownTranche(address tranche);

    /// @notice The investor is zero, or the notes or the payment are zero.
    error TrancheDvP__InvalidSubscription();

    /// @notice The permit is for `value`, not exactly the `payment`, or has no deadline.
    error TrancheDvP__PermitMismatch(uint256 value, uint256 payment);

    /// @notice The investor's permit could not be applied, and the allowance is not exactly the
    ///         payment (as it would be had someone submitted the same permit first).
    error TrancheDvP__PermitFailed(address investor);

    // ---------------------------------------------------------------- roles and configuration

    /// @notice `keccak256("AGENT_ROLE")`: submits settlements.
    function AGENT_ROLE() external view returns (bytes32);

    /// @notice The deal's SPV vault, which receives every payment.
    function vault() external view returns (ISpvVault);

    /// @notice The settlement token (the deal's currency) the notes are paid with.
    function settlementToken() external view returns (IERC20);

    /// @notice Registers (`registered` true) or removes a tranche token of the deal.
    /// @dev DEFAULT_ADMIN_ROLE. Emits {TrancheRegistered}.
    function setTranche(address tranche, bool registered) external;

    // ---------------------------------------------------------------- writes

    /// @notice Settles one investor's allocation: applies `permit` (exactly `payment`), moves
    ///         `payment` from `investor` to the vault, mints `notes` of `tranche` to `investor`.
    /// @dev AGENT_ROLE; nonReentrant. Reverts with the token's own error when the investor may
    ///      not hold the notes ({ITrancheToken-TrancheToken__TransferRefused} with its reason) or
    ///      cannot pay; then nothing has moved. Emits {SubscriptionSettled}.
    function settleSubscription(
        bytes32 subscriptionId,
        ITrancheToken tranche,
        address investor,
        uint256 notes,
        uint256 payment,
        PermitData calldata permit
    ) external;

    // ---------------------------------------------------------------- views

    /// @notice Whether `tranche` is registered.
    function isTranche(address tranche) external view returns (bool);

    /// @notice Whether subscription `subscriptionId` has settled.
    function isSettled(bytes32 subscriptionId) external view returns (bool);
}
