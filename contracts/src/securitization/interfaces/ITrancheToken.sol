// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {IIdentityRegistry} from "../../identity/interfaces/IIdentityRegistry.sol";

/// @title ITrancheToken
/// @notice The notes of one tranche of a securitization deal: a permissioned ERC-20 with the
///         semantics of ERC-3643 (T-REX) for the parts Tally needs. A transfer (and a mint) only
///         goes through when
///           - the token is not paused,
///           - neither the sender nor the receiver is frozen,
///           - both the sender and the receiver are verified in the {IIdentityRegistry}
///             (asked on every transfer, so an expiry or a removal there takes effect at once),
///           - the receiver is eligible for this tranche (e.g. a qualified investor), a flag the
///             agent sets per wallet,
///           - the sender holds the amount.
///         The sender need not be eligible any more: a holder whose eligibility was withdrawn may
///         still sell to an eligible buyer. Every refusal carries a {ReasonCode}; {canTransfer}
///         answers the same rules without sending anything.
/// @dev The agent (AGENT_ROLE) mints and burns, pauses, freezes wallets, sets eligibility,
///      makes forced transfers and recovers lost wallets. MINTER_ROLE may only mint (the DvP
///      holds it, so it can issue notes against payment but cannot freeze or force anything).
///      DEFAULT_ADMIN_ROLE grants and revokes both. Amounts are minor units of the note's
///      currency (2 decimals), held in uint128.
interface ITrancheToken is IERC20Metadata {
    // ---------------------------------------------------------------- types

    /// @notice Why a transfer, mint or forced transfer is refused (0 = allowed).
    /// @dev Stable numbers: clients map them to API error codes. Checked in this order, so the
    ///      first failing rule is the one reported.
    enum ReasonCode {
        OK, // 0
        PAUSED, // 1: the token is paused (transfers and mints)
        ZERO_ADDRESS, // 2: the receiver is the zero address
        SENDER_FROZEN, // 3
        RECEIVER_FROZEN, // 4
        SENDER_NOT_VERIFIED, // 5: not (or no longer) verified in the identity registry
        RECEIVER_NOT_VERIFIED, // 6
        RECEIVER_NOT_ELIGIBLE, // 7: not eligible for this tranche
        INSUFFICIENT_BALANCE, // 8
        AMOUNT_TOO_LARGE // 9: a mint that would not fit uint128
    }

    // ---------------------------------------------------------------- events

    /// @notice Emitted when `wallet`'s eligibility for this tranche has been set to `eligible`.
    event EligibilitySet(address indexed wallet, bool eligible, address indexed agent);

    /// @notice Emitted when `wallet` has been frozen (`frozen` true) or unfrozen by `agent`.
    event AddressFrozen(address indexed wallet, bool indexed frozen, address indexed agent);

    /// @notice Emitted, after the `Transfer`, when `agent` has moved `amount` from `from` to `to`
    ///         regardless of pause, freeze and eligibility.
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount, address indexed agent);

    /// @notice Emitted when `agent` has moved the whole balance (`amount`) of the lost wallet
    ///         `lostWallet` to `newWallet`; `frozen` tells whether the freeze was carried over.
    event WalletRecovered(
        address indexed lostWallet, address indexed newWallet, uint256 amount, bool frozen, address indexed agent
    );

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error TrancheToken__ZeroAdmin();

    /// @notice The identity registry given to the constructor is the zero address.
    error TrancheToken__ZeroIdentityRegistry();

    /// @notice A transfer (`from` non-zero) or a mint (`from` zero) of `amount` to `to` was
    ///         refused for `reason` (a {ReasonCode} value).
    error TrancheToken__TransferRefused(address from, address to, uint256 amount, uint8 reason);

    /// @notice `amount` is zero (mint, burn, forced transfer).
    error TrancheToken__ZeroAmount();

    /// @notice A wallet argument of an agent action is the zero address.
    error TrancheToken__ZeroAddress();

    /// @notice `wallet` holds `balance`, less than the `needed` amount to burn or force-transfer.
    error TrancheToken__InsufficientBalance(address wallet, uint256 balance, uint256 needed);

    /// @notice The lost wallet of a recovery holds nothing.
    error TrancheToken__NothingToRecover(address lostWallet);

    /// @notice The new wallet of a recovery already holds notes or is the lost wallet itself.
    error TrancheToken__InvalidRecoveryWallet(address newWallet);

    // ---------------------------------------------------------------- roles and configuration

    /// @notice `keccak256("AGENT_ROLE")`: mint, burn, pause, freeze, eligibility, forced transfer, recovery.
    function AGENT_ROLE() external view returns (bytes32);

    /// @notice `keccak256("MINTER_ROLE")`: {mint} only.
    function MINTER_ROLE() external view returns (bytes32);

    /// @notice The registry asked for the verification of both ends of every transfer.
    function identityRegistry() external view returns (IIdentityRegistry);

    /// @notice The platform's id of the tranche these notes belong to.
    function trancheId() external view returns (bytes32);

    // ---------------------------------------------------------------- agent actions

    /// @notice Issues `amount` new notes to `to`, under the transfer rules for the receiver
    ///         (not paused, verified, eligible, not frozen).
    /// @dev AGENT_ROLE or MINTER_ROLE. Reverts with {TrancheToken__TransferRefused} (from = 0).
    function mint(address to, uint256 amount) external;

    /// @notice Destroys `amount` notes of `from` (redemption); allowed while paused or frozen.
    /// @dev AGENT_ROLE. Reverts with {TrancheToken__InsufficientBalance}.
    function burn(address from, uint256 amount) external;

    /// @notice Sets whether `wallet` is eligible to receive these notes.
    /// @dev AGENT_ROLE. Emits {EligibilitySet}.
    function setEligible(address wallet, bool eligible) external;

    /// @notice {setEligible} for each of `wallets`.
    function setEligibleBatch(address[] calldata wallets, bool eligible) external;

    /// @notice Freezes (`frozen` true) or unfreezes `wallet`: a frozen wallet neither sends nor receives.
    /// @dev AGENT_ROLE. Emits {AddressFrozen}.
    function setAddressFrozen(address wallet, bool frozen) external;

    /// @notice Stops every transfer and mint (burns, forced transfers and recoveries still work).
    /// @dev AGENT_ROLE. Emits `Paused`.
    function pause() external;

    /// @notice Lifts {pause}. AGENT_ROLE. Emits `Unpaused`.
    function unpause() external;

    /// @notice Moves `amount` from `from` to `to` ignoring pause, freezes and eligibility; the
    ///         receiver must still be verified (ERC-3643 semantics).
    /// @dev AGENT_ROLE. Reverts with {TrancheToken__TransferRefused} (reason ZERO_ADDRESS or
    ///      RECEIVER_NOT_VERIFIED) or {TrancheToken__InsufficientBalance}. Emits `Transfer` then
    ///      {ForcedTransfer}.
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool);

    /// @notice Moves the whole balance of `lostWallet` to `newWallet` (the same investor's
    ///         replacement wallet). `newWallet` must be verified and hold nothing; it becomes
    ///         eligible, and frozen when `lostWallet` was frozen (a recovery is no way out of a
    ///         freeze). `lostWallet` loses its eligibility and keeps its freeze.
    /// @dev AGENT_ROLE. Works while paused. Emits `Transfer` then {WalletRecovered}.
    function recoveryAddress(address lostWallet, address newWallet) external returns (bool);

    // ---------------------------------------------------------------- views

    /// @notice Whether a transfer of `amount` from `from` to `to` would go through now, and if
    ///         not, why. `from` zero asks about a mint.
    /// @return allowed True when `reason` is OK.
    /// @return reason A {ReasonCode} value.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed, uint8 reason);

    /// @notice Whether `wallet` is eligible for this tranche.
    function isEligible(address wallet) external view returns (bool);

    /// @notice Whether `wallet` is frozen.
    function isFrozen(address wallet) external view returns (bool);
}
