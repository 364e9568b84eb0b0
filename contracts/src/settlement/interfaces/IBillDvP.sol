// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBillRegistry} from "../../bills/interfaces/IBillRegistry.sol";

/// @title IBillDvP
/// @notice Delivery versus payment for digital bills: the cash leg (a {ISettlementToken} of the
///         bill's currency) and the title leg (the bill token in the {IBillRegistry}) move in one
///         transaction or not at all.
/// @dev The platform's bill operator (AGENT_ROLE) submits every settlement, but cannot pay with
///      anyone's money on its own: the paying wallet consents to each trade with an EIP-712
///      signature (domain "Tally BillDvP", version "1") over the bill, the amount, payer, payee,
///      a deadline and a nonce of its choice (unordered: any unused value, so consents signed at
///      once never race for a sequence number). This contract checks it (ECDSA, or ERC-1271 for a
///      contract wallet), spends the nonce, and moves the cash with the settlement token's
///      DVP_ROLE-only `dvpTransfer`: no standing allowance is ever needed or used. Money goes
///      straight from payer to payee: this contract never holds tokens or bills. It needs
///      AGENT_ROLE on the bill registry and DVP_ROLE on each settlement token. Each financing id
///      and each payment id settles at most once.
interface IBillDvP {
    // ---------------------------------------------------------------- types

    /// @notice The payer's consent to one trade, signed off chain (its custodial wallet needs no gas).
    /// @dev The signed struct is `FinancingConsent(bytes32 billId,uint256 price,address payer,
    ///      address payee,uint256 deadline,uint256 nonce)` for a financing (payer the financier,
    ///      payee the bill's holder) and `RepaymentConsent(bytes32 billId,uint256 amount,address
    ///      payer,address payee,uint256 deadline,uint256 nonce)` for a repayment (payer the obligor,
    ///      amount the face amount, payee the holder); see {financingConsentDigest} and
    ///      {repaymentConsentDigest}.
    /// @param deadline Last second (block timestamp) at which the consent may be used.
    /// @param nonce Any value the payer has not used with this contract; used once.
    /// @param signature 65-byte ECDSA signature, or an ERC-1271 signature of a contract wallet.
    struct Consent {
        uint256 deadline;
        uint256 nonce;
        bytes signature;
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

    /// @notice The consent of `payer` expired at `deadline` (before this block).
    error BillDvP__ConsentExpired(address payer, uint256 deadline);

    /// @notice `payer` already used consent nonce `nonce` (a consent works once).
    error BillDvP__ConsentUsed(address payer, uint256 nonce);

    /// @notice The signature is not `payer`'s consent to this trade (another bill, amount, payee,
    ///         deadline or nonce, or another signer).
    error BillDvP__ConsentInvalid(address payer);

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
    ///      {BillDvP__FinancierIsHolder}, {BillDvP__NoSettlementToken}, {BillDvP__ConsentExpired},
    ///      {BillDvP__ConsentUsed}, {BillDvP__ConsentInvalid}, or with the token's or the registry's errors (e.g. `ERC20InsufficientBalance`,
    ///      `SettlementToken__NotVerified`, `BillRegistry__RecipientNotVerified`); then nothing
    ///      has changed. Emits {FinancingSettled}.
    /// @param financierConsent The financier's signed consent to pay exactly `price` for this
    ///        bill to its current holder.
    function settleFinancing(
        bytes32 financingId,
        bytes32 billId,
        address financier,
        uint256 price,
        Consent calldata financierConsent
    ) external;

    /// @notice Settles payment `paymentId` of bill `billId`: pulls the face amount from the
    ///         obligor to the bill's current holder and marks the bill PAID (burned), atomically.
    /// @dev Only callable by AGENT_ROLE. Allowed before, at or after the due date. Reverts with
    ///      {BillDvP__ZeroId}, {BillDvP__RepaymentAlreadySettled}, {BillDvP__BillNotAccepted}
    ///      (also for a bill already PAID), {BillDvP__NoSettlementToken},
    ///      {BillDvP__ConsentExpired}, {BillDvP__ConsentUsed}, {BillDvP__ConsentInvalid}, or with
    ///      the token's or the registry's errors; then nothing has changed. Emits {RepaymentSettled}.
    /// @param obligorConsent The obligor's signed consent to pay the face amount of this bill
    ///        to its current holder.
    function settleRepayment(bytes32 paymentId, bytes32 billId, Consent calldata obligorConsent) external;

    // ---------------------------------------------------------------- views

    /// @notice The settlement token of `currency`, or zero.
    function settlementTokenOf(bytes3 currency) external view returns (address);

    /// @notice Whether financing `financingId` has settled.
    function isFinancingSettled(bytes32 financingId) external view returns (bool);

    /// @notice Whether payment `paymentId` has settled.
    function isRepaymentSettled(bytes32 paymentId) external view returns (bool);

    /// @notice Whether `payer` has used consent nonce `nonce`.
    function isConsentNonceUsed(address payer, uint256 nonce) external view returns (bool);

    /// @notice The EIP-712 digest a financier signs to consent to pay `price` for bill `billId` to `payee`.
    function financingConsentDigest(
        bytes32 billId,
        uint256 price,
        address payer,
        address payee,
        uint256 deadline,
        uint256 nonce
    ) external view returns (bytes32);

    /// @notice The EIP-712 digest an obligor signs to consent to pay `amount` (the face amount)
    ///         of bill `billId` to its holder `payee`.
    function repaymentConsentDigest(
        bytes32 billId,
        uint256 amount,
        address payer,
        address payee,
        uint256 deadline,
        uint256 nonce
    ) external view returns (bytes32);
}
