// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IIdentityRegistry} from "../../identity/interfaces/IIdentityRegistry.sol";

/// @title IBillRegistry
/// @notice Digital bills (receivables) as ERC-721 tokens: one token per bill, tokenId =
///         `uint256(billId)`. The token's owner is the bill's holder; per bill the registry keeps
///         face amount, currency, due date, obligor, status, encumbrance, fingerprint and, for
///         split parts, the parent bill. Every mint and transfer recipient must be verified in the
///         {IIdentityRegistry}; an encumbered bill cannot be transferred.
/// @dev Lifecycle: {issue} mints an ISSUED bill to the holder; {accept} (the obligor's EIP-712
///      signature) makes it ACCEPTED; {split} burns a bill and mints parts whose amounts sum to it
///      (status SPLIT kept for the parent); {markPaid} burns an ACCEPTED bill (PAID), {cancel}
///      burns an ISSUED one (CANCELLED). Records of burned bills stay in storage for queries, and
///      a bill id is never used twice. A fingerprint (hash of the normalized seller id, buyer id,
///      invoice number, amount, currency and issue date, computed off chain) can be registered
///      once ever: the same receivable cannot exist twice.
///
///      Acceptance signature (EIP-712, domain name "Tally BillRegistry", version "1", chain id,
///      verifying contract = this registry):
///        Acceptance(bytes32 billId,bytes32 commitment,uint256 deadline)
///      where `commitment` = {commitmentOf}(billId) =
///        keccak256(abi.encode(address obligor, uint128 amount, bytes3 currency, uint64 dueDate, bytes32 fingerprint)).
///      No ordered nonce: a signature names one bill and its terms, the bill leaves ISSUED when it
///      is used, and a bill id is never used twice, so it cannot be replayed; an obligor can
///      therefore sign any number of acceptances at once. The holder is deliberately not part of
///      the commitment: an obligor promises to pay whoever holds the bill at maturity.
interface IBillRegistry {
    // ---------------------------------------------------------------- types

    /// @notice Where a bill is in its lifecycle. NONE: no such bill. ISSUED and ACCEPTED bills
    ///         are live tokens; PAID, CANCELLED and SPLIT bills are burned records.
    enum BillStatus {
        NONE,
        ISSUED,
        ACCEPTED,
        PAID,
        CANCELLED,
        SPLIT
    }

    /// @notice What a live bill is committed to, independent of its status. Only an
    ///         unencumbered (NONE) bill can be transferred or split.
    enum Encumbrance {
        NONE,
        FINANCED,
        PLEDGED,
        POOLED
    }

    /// @notice The stored record of a bill (the holder is the ERC-721 owner, see {billOf}).
    /// @param amount Face amount in minor units of `currency` (e.g. cents).
    /// @param currency ISO 4217 code as three uppercase ASCII letters, e.g. "EUR" = 0x455552.
    /// @param dueDate Maturity, unix seconds.
    /// @param status Lifecycle state.
    /// @param encumbrance Current encumbrance.
    /// @param obligor The wallet of the party that owes `amount` (the buyer).
    /// @param fingerprint Fingerprint of the receivable; for a split part
    ///        `keccak256(abi.encode(parentFingerprint, uint256 index))`.
    /// @param parent The bill this one was split from; zero for an issued bill.
    struct Bill {
        uint128 amount;
        bytes3 currency;
        uint64 dueDate;
        BillStatus status;
        Encumbrance encumbrance;
        address obligor;
        bytes32 fingerprint;
        bytes32 parent;
    }

    // ---------------------------------------------------------------- events

    /// @notice Emitted when bill `billId` has been issued (minted) to `holder`.
    /// @param billId The bill id; the ERC-721 tokenId is `uint256(billId)`.
    /// @param holder The first holder (the supplier).
    /// @param obligor The wallet that owes the amount (the buyer).
    /// @param amount Face amount in minor units.
    /// @param currency ISO 4217 code, e.g. "EUR".
    /// @param dueDate Maturity, unix seconds.
    /// @param fingerprint The receivable's fingerprint, now registered.
    event BillIssued(
        bytes32 indexed billId,
        address indexed holder,
        address indexed obligor,
        uint128 amount,
        bytes3 currency,
        uint64 dueDate,
        bytes32 fingerprint
    );

    /// @notice Emitted when the obligor's acceptance of bill `billId` has been recorded.
    /// @param billId The accepted bill.
    /// @param obligor The obligor whose signature was checked.
    /// @param commitment The commitment the obligor signed, see {commitmentOf}.
    event BillAccepted(bytes32 indexed billId, address indexed obligor, bytes32 commitment);

    /// @notice Emitted when bill `parentId` has been burned and replaced by `childIds`, minted to
    ///         the same holder with `amounts` (same order); the parts inherit status, obligor,
    ///         currency and due date.
    event BillSplit(bytes32 indexed parentId, bytes32[] childIds, uint128[] amounts);

    /// @notice Emitted when the encumbrance of bill `billId` has been set (also to the same value).
    event EncumbranceChanged(bytes32 indexed billId, Encumbrance previous, Encumbrance current);

    /// @notice Emitted when bill `billId` has been marked PAID and burned; `holder` was its last holder.
    event BillPaid(bytes32 indexed billId, address indexed holder);

    /// @notice Emitted when bill `billId` has been cancelled and burned; `holder` was its last holder.
    event BillCancelled(bytes32 indexed billId, address indexed holder);

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error BillRegistry__ZeroAdmin();

    /// @notice The identity registry given to the constructor is the zero address.
    error BillRegistry__ZeroIdentityRegistry();

    /// @notice A bill id is zero (zero marks "no bill", e.g. the parent of an issued bill).
    error BillRegistry__ZeroBillId();

    /// @notice Bill `billId` exists or existed (ids are never reused).
    error BillRegistry__BillExists(bytes32 billId);

    /// @notice There is no bill `billId`.
    error BillRegistry__UnknownBill(bytes32 billId);

    /// @notice The fingerprint is zero.
    error BillRegistry__ZeroFingerprint();

    /// @notice `fingerprint` is already registered (for bill `billId`): the receivable exists.
    error BillRegistry__DuplicateFingerprint(bytes32 fingerprint, bytes32 billId);

    /// @notice A face amount (of a bill or of a split part) is zero.
    error BillRegistry__ZeroAmount();

    /// @notice `currency` is not three uppercase ASCII letters.
    error BillRegistry__InvalidCurrency(bytes3 currency);

    /// @notice The due date is zero.
    error BillRegistry__ZeroDueDate();

    /// @notice The obligor is the zero address.
    error BillRegistry__ZeroObligor();

    /// @notice `recipient` of a mint or transfer is not verified in the identity registry.
    error BillRegistry__RecipientNotVerified(address recipient);

    /// @notice Bill `billId` has `status`, which does not allow the operation.
    error BillRegistry__InvalidStatus(bytes32 billId, BillStatus status);

    /// @notice Bill `billId` is encumbered (`encumbrance`), so it cannot be transferred, split or cancelled.
    error BillRegistry__BillEncumbered(bytes32 billId, Encumbrance encumbrance);

    /// @notice The acceptance signature's `deadline` (unix seconds) has passed.
    error BillRegistry__SignatureExpired(uint256 deadline);

    /// @notice The signature is not the obligor's over the acceptance of `billId` with its
    ///         current terms and the given deadline (wrong signer, other terms or deadline).
    error BillRegistry__InvalidSignature(bytes32 billId, address obligor);

    /// @notice `account` is neither the holder of bill `billId`, approved by it, nor an agent.
    error BillRegistry__NotAuthorized(address account, bytes32 billId);

    /// @notice {split} got `amounts` and `childIds` of different lengths.
    error BillRegistry__SplitLengthMismatch(uint256 amounts, uint256 childIds);

    /// @notice {split} got `count` parts, outside 2..{MAX_SPLIT_PARTS}.
    error BillRegistry__SplitPartCount(uint256 count);

    /// @notice The split parts sum to `actual`, not to the parent's amount `expected`.
    error BillRegistry__SplitSumMismatch(uint256 expected, uint256 actual);

    // ---------------------------------------------------------------- roles and constants

    /// @notice Role allowed to issue, transfer as agent, split, set encumbrances, mark paid and
    ///         cancel: `keccak256("AGENT_ROLE")`, held by the platform operator and the DvP
    ///         contract; administered by DEFAULT_ADMIN_ROLE (`grantRole` / `revokeRole`).
    function AGENT_ROLE() external view returns (bytes32);

    /// @notice `keccak256("Acceptance(bytes32 billId,bytes32 commitment,uint256 deadline)")`.
    function ACCEPTANCE_TYPEHASH() external view returns (bytes32);

    /// @notice The largest number of parts one {split} creates (100).
    function MAX_SPLIT_PARTS() external view returns (uint256);

    /// @notice The registry asked for every mint and transfer recipient.
    function identityRegistry() external view returns (IIdentityRegistry);

    // ---------------------------------------------------------------- writes

    /// @notice Issues bill `billId` to `holder` and registers its fingerprint.
    /// @dev Only callable by AGENT_ROLE. Reverts with {BillRegistry__ZeroBillId},
    ///      {BillRegistry__BillExists}, {BillRegistry__ZeroFingerprint},
    ///      {BillRegistry__DuplicateFingerprint}, {BillRegistry__ZeroAmount},
    ///      {BillRegistry__InvalidCurrency}, {BillRegistry__ZeroDueDate},
    ///      {BillRegistry__ZeroObligor} or {BillRegistry__RecipientNotVerified}. Emits
    ///      {BillIssued} (after ERC-721 `Transfer`). A contract `holder` must accept the token
    ///      (`onERC721Received`), called after all state changes.
    /// @param billId The bill's id, not zero, never used before.
    /// @param holder The first holder, verified.
    /// @param obligor The wallet that owes the amount and signs the acceptance.
    /// @param amount Face amount in minor units, not zero.
    /// @param currency ISO 4217 code, three uppercase ASCII letters.
    /// @param dueDate Maturity, unix seconds, not zero.
    /// @param fingerprint The receivable's fingerprint, not zero, never registered before.
    function issue(
        bytes32 billId,
        address holder,
        address obligor,
        uint128 amount,
        bytes3 currency,
        uint64 dueDate,
        bytes32 fingerprint
    ) external;

    /// @notice Records the obligor's acceptance of ISSUED bill `billId`: the bill becomes ACCEPTED.
    /// @dev Anyone may submit the signature. `signature` is the obligor's EIP-712 signature over
    ///      Acceptance(billId, {commitmentOf}(billId), deadline), i.e. over
    ///      {acceptanceDigest}(billId, deadline); ECDSA for a wallet, ERC-1271 for a contract
    ///      obligor. The bill leaves ISSUED, so a signature works once. Reverts with
    ///      {BillRegistry__UnknownBill}, {BillRegistry__InvalidStatus} (not ISSUED),
    ///      {BillRegistry__SignatureExpired} (`block.timestamp > deadline`) or
    ///      {BillRegistry__InvalidSignature}. Emits {BillAccepted}.
    function accept(bytes32 billId, uint256 deadline, bytes calldata signature) external;

    /// @notice Transfers (endorses) live bill `billId` from its holder to `to`.
    /// @dev Only callable by AGENT_ROLE (the operator acts for custodial holders; holders of
    ///      their own wallets may also use the ERC-721 transfers). Reverts with
    ///      {BillRegistry__UnknownBill}, {BillRegistry__InvalidStatus},
    ///      {BillRegistry__BillEncumbered} or {BillRegistry__RecipientNotVerified}. Emits ERC-721
    ///      `Transfer`; a contract `to` must accept the token (`onERC721Received`).
    function agentTransfer(bytes32 billId, address to) external;

    /// @notice Splits live, unencumbered bill `billId` into parts `childIds` with `amounts`
    ///         (summing to its amount), minted to its holder; the bill itself is burned (SPLIT).
    /// @dev Callable by the holder, an account it approved, or AGENT_ROLE. Parts inherit status
    ///      (ISSUED or ACCEPTED), obligor, currency and due date; part `i` gets fingerprint
    ///      `keccak256(abi.encode(parentFingerprint, i))`, registered like any other, and `parent`
    ///      = `billId`. Reverts with {BillRegistry__UnknownBill}, {BillRegistry__InvalidStatus},
    ///      {BillRegistry__NotAuthorized}, {BillRegistry__BillEncumbered},
    ///      {BillRegistry__SplitLengthMismatch}, {BillRegistry__SplitPartCount},
    ///      {BillRegistry__ZeroAmount}, {BillRegistry__SplitSumMismatch},
    ///      {BillRegistry__ZeroBillId}, {BillRegistry__BillExists},
    ///      {BillRegistry__DuplicateFingerprint} or {BillRegistry__RecipientNotVerified}. Emits
    ///      {BillSplit}; a contract holder is called (`onERC721Received`) for every part after all
    ///      state changes.
    function split(bytes32 billId, uint128[] calldata amounts, bytes32[] calldata childIds) external;

    /// @notice Sets the encumbrance of live bill `billId` (NONE releases it).
    /// @dev Only callable by AGENT_ROLE (the operator, the DvP). Reverts with
    ///      {BillRegistry__UnknownBill} or {BillRegistry__InvalidStatus}. Emits {EncumbranceChanged}.
    function setEncumbrance(bytes32 billId, Encumbrance encumbrance) external;

    /// @notice Marks ACCEPTED bill `billId` PAID and burns its token; the record stays.
    /// @dev Only callable by AGENT_ROLE (the DvP after the obligor's payment, or the operator for
    ///      a payment made off chain). Any encumbrance is allowed (a financed bill is paid to the
    ///      financier). Reverts with {BillRegistry__UnknownBill} or {BillRegistry__InvalidStatus}.
    ///      Emits ERC-721 `Transfer` to zero, then {BillPaid}.
    function markPaid(bytes32 billId) external;

    /// @notice Cancels ISSUED, unencumbered bill `billId` and burns its token; its fingerprint
    ///         stays registered.
    /// @dev Only callable by AGENT_ROLE. Reverts with {BillRegistry__UnknownBill},
    ///      {BillRegistry__InvalidStatus} or {BillRegistry__BillEncumbered}. Emits ERC-721
    ///      `Transfer` to zero, then {BillCancelled}.
    function cancel(bytes32 billId) external;

    // ---------------------------------------------------------------- views

    /// @notice The record of bill `billId` and its holder (zero when burned or unknown).
    /// @dev An unknown bill returns an all-zero record (status NONE).
    function billOf(bytes32 billId) external view returns (Bill memory bill, address holder);

    /// @notice `keccak256(abi.encode(obligor, amount, currency, dueDate, fingerprint))` of bill
    ///         `billId`: the terms the obligor accepts.
    /// @dev Reverts with {BillRegistry__UnknownBill}.
    function commitmentOf(bytes32 billId) external view returns (bytes32);

    /// @notice The EIP-712 digest the obligor of bill `billId` signs to accept it with `deadline`.
    /// @dev Reverts with {BillRegistry__UnknownBill}.
    function acceptanceDigest(bytes32 billId, uint256 deadline) external view returns (bytes32);

    /// @notice Whether `fingerprint` has been registered (by any bill, live or not).
    function isFingerprintRegistered(bytes32 fingerprint) external view returns (bool);

    /// @notice The bill that registered `fingerprint`, or zero.
    function billIdOfFingerprint(bytes32 fingerprint) external view returns (bytes32);
}
