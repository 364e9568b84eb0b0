// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBillRegistry} from "../../bills/interfaces/IBillRegistry.sol";

/// @title IBillDvP
/// @notice Delivery versus payment for digital bills: the cash leg (a {ISettlementToken} of the
///         bill's currency) and the title leg (the bill token in the {IBillRegistry}) move in one
///         transaction or not at all.
/// @dev The platform operator (AGENT_ROLE) submits every settlement; the paying wallet authorises
///      the pull with an EIP-2612 permit signed off chain (its custodial wallet needs no gas), or
///      with a prior `approve` (then `PermitData.deadline` = 0). Money goes straight from payer to
///      payee: this contract never holds tokens or bills, so it needs no verification itself.
///      It needs AGENT_ROLE on the bill registry to move and encumber bills and to mark them paid.
///      Each financing id and each payment id settles at most once.
interface IBillDvP {
    // ---------------------------------------------------------------- types

    /// @notice An EIP-2612 permit of the payer for this contract (the spender).
    /// @param value The allowance the permit grants, at least the amount pulled.
    /// @param deadline The permit's deadline; 0 = no permit, use the existing allowance.
    /// @param v Signature recovery id.
    /// @param r Signature r.
    /// @param s Signature s.
    struct PermitData {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    // ---------------------------------------------------------------- events

    /// @notice Emitted when the settlement token of `currency` has been set to `token` (zero removes it).
    event SettlementTokenSet(bytes3 indexed currency, address indexed token);

    /// @notice Emitted when financing `financingId` has settled: `price` paid by `financier` to
    ///         `seller`, bill `billId` moved from `seller` to `financier` and marked FINANCED.
    event FinancingSettled(
        bytes32 indexed financingId, bytes32 indexed billId, address indexed seller, address financier, uint256 price
    );

    /// @notice Emitted when payment `paymentId` has settled: `amount` (the bill's face amount)
    ///         paid by `obligor` to `holder`, bill `billId` marked PAID and burned.
    event RepaymentSettled(
        bytes32 indexed paymentId, bytes32 indexed billId, address indexed obligor, address holder, uint256 amount
    );

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error BillDvP__ZeroAdmin();

    /// @notice The bill registry given to the constructor is the zero address.
    error BillDvP__ZeroBillRegistry();

    /// @notice A financing or payment id is zero.
    error BillDvP__ZeroId();

    /// @notice The financier is the zero address.
    error BillDvP__ZeroFinancier();

    /// @notice Financing `financingId` has already settled.
    error BillDvP__FinancingAlreadySettled(bytes32 financingId);

    /// @notice Payment `paymentId` has already settled.
    error BillDvP__RepaymentAlreadySettled(bytes32 paymentId);

    /// @notice Bill `billId` has `status`; financing and repayment need an ACCEPTED (live) bill.
    error BillDvP__BillNotAccepted(bytes32 billId, IBillRegistry.BillStatus status);

    /// @notice Bill `billId` is already encumbered (`encumbrance`), so it cannot be financed.
    error BillDvP__BillEncumbered(bytes32 billId, IBillRegistry.Encumbrance encumbrance);

    /// @notice `price` is zero or above the bill's face `amount`.
    error BillDvP__InvalidPrice(uint256 price, uint256 amount);

    /// @notice `financier` already holds the bill.
    error BillDvP__FinancierIsHolder(address financier);

    /// @notice No settlement token is registered for `currency`.
    error BillDvP__NoSettlementToken(bytes3 currency);

    /// @notice The token given for `currency` is a settlement token of `tokenCurrency`.
    error BillDvP__CurrencyMismatch(bytes3 currency, bytes3 tokenCurrency);

    /// @notice The permit of `owner` failed (expired, wrong signature or nonce) and the existing
    ///         allowance does not cover the amount.
    error BillDvP__PermitFailed(address owner);

    // ---------------------------------------------------------------- roles

    /// @notice Role allowed to settle: `keccak256("AGENT_ROLE")` (the platform operator),
    ///         administered by DEFAULT_ADMIN_ROLE (`grantRole` / `revokeRole`), which also sets
    ///         the settlement tokens.
    function AGENT_ROLE() external view returns (bytes32);

    /// @notice The bill registry whose bills this contract settles.
    function billRegistry() external view returns (IBillRegistry);

    // ---------------------------------------------------------------- writes

    /// @notice Registers `token` as the settlement token of `currency` (zero address removes it).
    /// @dev Only callable by DEFAULT_ADMIN_ROLE. Reverts with {BillDvP__CurrencyMismatch} when
    ///      the token's `currency()` differs. Emits {SettlementTokenSet}.
    function setSettlementToken(bytes3 currency, address token) external;

    /// @notice Settles financing `financingId` of bill `billId` at `price`: pulls `price` from
    ///         `financier` to the bill's current holder (the seller), moves the bill to
    ///         `financier` and marks it FINANCED, atomically.
    /// @dev Only callable by AGENT_ROLE. The bill must be ACCEPTED and unencumbered;
    ///      0 < `price` <= face amount. Reverts with {BillDvP__ZeroId},
    ///      {BillDvP__FinancingAlreadySettled}, {BillDvP__ZeroFinancier},
    ///      {BillDvP__BillNotAccepted}, {BillDvP__BillEncumbered}, {BillDvP__InvalidPrice},
    ///      {BillDvP__FinancierIsHolder}, {BillDvP__NoSettlementToken}, {BillDvP__PermitFailed},
    ///      or with the token's or the registry's errors (e.g. `ERC20InsufficientBalance`,
    ///      `SettlementToken__NotVerified`, `BillRegistry__RecipientNotVerified`); then nothing
    ///      has changed. Emits {FinancingSettled}.
    /// @param financierPermit The financier's permit for this contract, value >= `price`.
    function settleFinancing(
        bytes32 financingId,
        bytes32 billId,
        address financier,
        uint256 price,
        PermitData calldata financierPermit
    ) external;

    /// @notice Settles payment `paymentId` of bill `billId`: pulls the face amount from the
    ///         obligor to the bill's current holder and marks the bill PAID (burned), atomically.
    /// @dev Only callable by AGENT_ROLE. Allowed before, at or after the due date. Reverts with
    ///      {BillDvP__ZeroId}, {BillDvP__RepaymentAlreadySettled}, {BillDvP__BillNotAccepted}
    ///      (also for a bill already PAID), {BillDvP__NoSettlementToken},
    ///      {BillDvP__PermitFailed}, or with the token's or the registry's errors; then nothing
    ///      has changed. Emits {RepaymentSettled}.
    /// @param obligorPermit The obligor's permit for this contract, value >= the face amount.
    function settleRepayment(bytes32 paymentId, bytes32 billId, PermitData calldata obligorPermit) external;

    // ---------------------------------------------------------------- views

    /// @notice The settlement token of `currency`, or zero.
    function settlementTokenOf(bytes3 currency) external view returns (address);

    /// @notice Whether financing `financingId` has settled.
    function isFinancingSettled(bytes32 financingId) external view returns (bool);

    /// @notice Whether payment `paymentId` has settled.
    function isRepaymentSettled(bytes32 paymentId) external view returns (bool);
}
