// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IIdentityRegistry} from "../../identity/interfaces/IIdentityRegistry.sol";

/// @title ISettlementToken
/// @notice A tokenized deposit in one currency (one deployment per currency, 2 decimals): the
///         cash leg of delivery versus payment. The settlement agent mints against a recorded
///         fiat deposit and burns on withdrawal; each deposit and withdrawal reference works
///         once. Tokens move only between wallets verified in the {IIdentityRegistry}.
/// @dev Besides this interface the token is a standard ERC-20 with EIP-2612 `permit` (EIP-712
///      domain: name = the token name, version "1"), so custodial wallets that never send
///      transactions can authorise a DvP contract with an off-chain signature.
///      Verification rule: a mint's recipient and both ends of a transfer must be verified; a
///      burn is not restricted, so the agent can pay out a wallet whose verification expired.
interface ISettlementToken {
    // ---------------------------------------------------------------- events

    /// @notice Emitted (after the ERC-20 `Transfer` from zero) when `amount` has been minted to
    ///         `to` against fiat deposit `depositRef`.
    event Minted(address indexed to, uint256 amount, bytes32 indexed depositRef);

    /// @notice Emitted (after the ERC-20 `Transfer` to zero) when `amount` has been burned from
    ///         `from` for withdrawal `withdrawalRef`.
    event Burned(address indexed from, uint256 amount, bytes32 indexed withdrawalRef);

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error SettlementToken__ZeroAdmin();

    /// @notice The identity registry given to the constructor is the zero address.
    error SettlementToken__ZeroIdentityRegistry();

    /// @notice `currency` is not three uppercase ASCII letters.
    error SettlementToken__InvalidCurrency(bytes3 currency);

    /// @notice The amount to mint or burn is zero.
    error SettlementToken__ZeroAmount();

    /// @notice The deposit or withdrawal reference is zero.
    error SettlementToken__ZeroRef();

    /// @notice Deposit `depositRef` has already been minted.
    error SettlementToken__DepositRefUsed(bytes32 depositRef);

    /// @notice Withdrawal `withdrawalRef` has already been burned.
    error SettlementToken__WithdrawalRefUsed(bytes32 withdrawalRef);

    /// @notice `wallet`, a sender or recipient, is not verified in the identity registry.
    error SettlementToken__NotVerified(address wallet);

    // ---------------------------------------------------------------- roles and constants

    /// @notice Role allowed to {mint} and {burn}: `keccak256("SETTLEMENT_AGENT_ROLE")`,
    ///         administered by DEFAULT_ADMIN_ROLE (`grantRole` / `revokeRole`).
    function SETTLEMENT_AGENT_ROLE() external view returns (bytes32);

    /// @notice Role allowed to {dvpTransfer}: `keccak256("DVP_ROLE")`, held only by DvP
    ///         contracts (BillDvP), which check the payer's signed consent to each trade first;
    ///         administered by DEFAULT_ADMIN_ROLE.
    function DVP_ROLE() external view returns (bytes32);

    /// @notice The token's ISO 4217 currency, e.g. "EUR" = 0x455552.
    function currency() external view returns (bytes3);

    /// @notice The registry asked before every mint and transfer.
    function identityRegistry() external view returns (IIdentityRegistry);

    // ---------------------------------------------------------------- writes

    /// @notice Mints `amount` (minor units) to `to` against the recorded fiat deposit `depositRef`.
    /// @dev Only callable by SETTLEMENT_AGENT_ROLE. Reverts with {SettlementToken__ZeroAmount},
    ///      {SettlementToken__ZeroRef}, {SettlementToken__DepositRefUsed},
    ///      {SettlementToken__NotVerified} or `ERC20InvalidReceiver`. Emits `Transfer`, then {Minted}.
    function mint(address to, uint256 amount, bytes32 depositRef) external;

    /// @notice Burns `amount` (minor units) from `from` for the fiat withdrawal `withdrawalRef`.
    /// @dev Only callable by SETTLEMENT_AGENT_ROLE; needs no allowance (the agent is the deposit
    ///      bank). Reverts with {SettlementToken__ZeroAmount}, {SettlementToken__ZeroRef},
    ///      {SettlementToken__WithdrawalRefUsed} or `ERC20InsufficientBalance`. Emits
    ///      `Transfer`, then {Burned}.
    function burn(address from, uint256 amount, bytes32 withdrawalRef) external;

    /// @notice Moves `amount` from `from` to `to` for a DvP contract, without an allowance.
    /// @dev Only callable by DVP_ROLE. The DvP contract is the one that checks the payer's
    ///      consent to this very trade (an EIP-712 signature over bill, amount, payee, deadline
    ///      and nonce), so no standing allowance is needed for bill settlements. The usual
    ///      transfer rules apply (both ends verified, `ERC20InsufficientBalance`). Emits `Transfer`.
    function dvpTransfer(address from, address to, uint256 amount) external;

    // ---------------------------------------------------------------- views

    /// @notice Whether deposit `depositRef` has been minted.
    function isDepositRefUsed(bytes32 depositRef) external view returns (bool);

    /// @notice Whether withdrawal `withdrawalRef` has been burned.
    function isWithdrawalRefUsed(bytes32 withdrawalRef) external view returns (bool);
}
