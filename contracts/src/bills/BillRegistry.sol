// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ADMIN_DELAY} from "../access/AdminDelay.sol";
import {IIdentityRegistry} from "../identity/interfaces/IIdentityRegistry.sol";
import {IBillRegistry} from "./interfaces/IBillRegistry.sol";
import {IBillRegistryBatch} from "./interfaces/IBillRegistryBatch.sol";

/// @title BillRegistry
/// @notice One ERC-721 token per digital bill, transferable only to verified wallets. See {IBillRegistry}.
/// @dev Storage per bill: the ERC-721 owner slot, three record slots (amount, currency, due date,
///      status and encumbrance packed in one; obligor; fingerprint), the parent slot for split
///      parts only, and the fingerprint -> bill id slot.
///      Invariants: a bill's token exists iff its status is ISSUED or ACCEPTED; a record exists
///      iff its status is not NONE (so ids are never reused, even after a burn); every bill's
///      fingerprint maps back to it.
///      Reentrancy: every function that moves tokens is `nonReentrant` (transient storage,
///      EIP-1153), including the ERC-721 transfers, and calls `onERC721Received` only after all
///      of its state changes; a receiver that calls back into the registry makes the whole
///      transaction revert with `ReentrancyGuardReentrantCall`.
contract BillRegistry is
    IBillRegistry,
    IBillRegistryBatch,
    ERC721,
    AccessControlDefaultAdminRules,
    EIP712,
    ReentrancyGuardTransient
{
    /// @inheritdoc IBillRegistry
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    /// @inheritdoc IBillRegistry
    bytes32 public constant ACCEPTANCE_TYPEHASH =
        keccak256("Acceptance(bytes32 billId,bytes32 commitment,uint256 deadline)");

    /// @inheritdoc IBillRegistry
    uint256 public constant MAX_SPLIT_PARTS = 100;

    /// @inheritdoc IBillRegistryBatch
    uint256 public constant MAX_BATCH_ISSUE = 500;

    /// @inheritdoc IBillRegistry
    IIdentityRegistry public immutable identityRegistry;

    mapping(bytes32 billId => Bill) private _bills;
    mapping(bytes32 fingerprint => bytes32 billId) private _billOfFingerprint;

    /// @dev The holder {issueBatch} has verified in this transaction (EIP-1153): its mints skip the
    ///      repeated identity-registry call. Set and cleared inside one {issueBatch}, with no
    ///      external call between but the (view) verification itself.
    address private transient _batchVerifiedHolder;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (the one default admin, handed over in two steps after
    ///        {ADMIN_DELAY}), which grants and revokes AGENT_ROLE.
    /// @param identityRegistry_ The registry asked for every mint and transfer recipient.
    constructor(address admin, IIdentityRegistry identityRegistry_)
        ERC721("Tally Bill", "TBILL")
        EIP712("Tally BillRegistry", "1")
        AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin))
    {
        if (address(identityRegistry_) == address(0)) revert BillRegistry__ZeroIdentityRegistry();
        identityRegistry = identityRegistry_;
    }

    // ---------------------------------------------------------------- writes

    /// @inheritdoc IBillRegistry
    function issue(
        bytes32 billId,
        address holder,
        address obligor,
        uint128 amount,
        bytes3 currency,
        uint64 dueDate,
        bytes32 fingerprint
    ) external nonReentrant onlyRole(AGENT_ROLE) {
        if (amount == 0) revert BillRegistry__ZeroAmount();
        if (!_isCurrencyCode(currency)) revert BillRegistry__InvalidCurrency(currency);
        if (dueDate == 0) revert BillRegistry__ZeroDueDate();
        if (obligor == address(0)) revert BillRegistry__ZeroObligor();

        Bill storage bill = _newBill(billId, fingerprint);
        bill.amount = amount;
        bill.currency = currency;
        bill.dueDate = dueDate;
        bill.status = BillStatus.ISSUED;
        bill.obligor = obligor;
        // checks the holder's verification (see _update)
        _mint(holder, uint256(billId));
        emit BillIssued(billId, holder, obligor, amount, currency, dueDate, fingerprint);

        ERC721Utils.checkOnERC721Received(_msgSender(), address(0), holder, uint256(billId), "");
    }

    /// @inheritdoc IBillRegistryBatch
    function issueBatch(BatchIssue[] calldata batch) external nonReentrant onlyRole(AGENT_ROLE) {
        uint256 count = batch.length;
        if (count == 0 || count > MAX_BATCH_ISSUE) revert BillRegistry__BatchSize(count);
        address verified = address(0);
        for (uint256 i = 0; i < count; ++i) {
            BatchIssue calldata b = batch[i];
            if (b.holder != verified) {
                if (!identityRegistry.isVerified(b.holder)) revert BillRegistry__RecipientNotVerified(b.holder);
                verified = b.holder;
                _batchVerifiedHolder = verified;
            }
            if (b.amount == 0) revert BillRegistry__ZeroAmount();
            if (!_isCurrencyCode(b.currency)) revert BillRegistry__InvalidCurrency(b.currency);
            if (b.dueDate == 0) revert BillRegistry__ZeroDueDate();
            if (b.obligor == address(0)) revert BillRegistry__ZeroObligor();

            // a fingerprint twice in the batch meets its first registration here: the whole batch reverts
            Bill storage bill = _newBill(b.billId, b.fingerprint);
            bill.amount = b.amount;
            bill.currency = b.currency;
            bill.dueDate = b.dueDate;
            bill.status = BillStatus.ISSUED;
            bill.obligor = b.obligor;
            _mint(b.holder, uint256(b.billId));
            emit BillIssued(b.billId, b.holder, b.obligor, b.amount, b.currency, b.dueDate, b.fingerprint);
        }
        _batchVerifiedHolder = address(0);

        // interactions: contract holders accept their tokens after every state change above
        for (uint256 i = 0; i < count; ++i) {
            ERC721Utils.checkOnERC721Received(_msgSender(), address(0), batch[i].holder, uint256(batch[i].billId), "");
        }
    }

    /// @inheritdoc IBillRegistry
    function accept(bytes32 billId, uint256 deadline, bytes calldata signature) external {
        Bill storage bill = _bills[billId];
        BillStatus status = bill.status;
        if (status != BillStatus.ISSUED) _revertStatus(billId, status);
        if (block.timestamp > deadline) revert BillRegistry__SignatureExpired(deadline);

        address obligor = bill.obligor;
        bytes32 commitment = _commitment(bill);
        bytes32 structHash = keccak256(abi.encode(ACCEPTANCE_TYPEHASH, billId, commitment, deadline));
        bytes32 digest = _hashTypedDataV4(structHash);
        // A view call (STATICCALL) for a contract obligor: it cannot re-enter.
        if (!SignatureChecker.isValidSignatureNowCalldata(obligor, digest, signature)) {
            revert BillRegistry__InvalidSignature(billId, obligor);
        }

        bill.status = BillStatus.ACCEPTED;
        emit BillAccepted(billId, obligor, commitment);
    }

    /// @inheritdoc IBillRegistry
    function agentTransfer(bytes32 billId, address to) external nonReentrant onlyRole(AGENT_ROLE) {
        address holder = _requireLive(billId);
        // checks encumbrance and the recipient's verification (see _update), then onERC721Received
        _safeTransfer(holder, to, uint256(billId));
    }

    /// @inheritdoc IBillRegistry
    function split(bytes32 billId, uint128[] calldata amounts, bytes32[] calldata childIds) external nonReentrant {
        address holder = _checkSplit(billId, amounts, childIds);

        // effects: the parts are written and minted, then the parent becomes a burned SPLIT record
        // (its other fields stay for queries)
        Bill storage parent = _bills[billId];
        _burn(uint256(billId));
        uint256 count = amounts.length;
        for (uint256 i = 0; i < count; ++i) {
            _createPart(parent, billId, i, childIds[i], amounts[i], holder);
        }
        parent.status = BillStatus.SPLIT;
        emit BillSplit(billId, childIds, amounts);

        // interactions: a contract holder accepts each part, after every state change above
        for (uint256 i = 0; i < count; ++i) {
            ERC721Utils.checkOnERC721Received(_msgSender(), address(0), holder, uint256(childIds[i]), "");
        }
    }

    /// @inheritdoc IBillRegistry
    function setEncumbrance(bytes32 billId, Encumbrance encumbrance) external nonReentrant onlyRole(AGENT_ROLE) {
        _requireLive(billId);
        Bill storage bill = _bills[billId];
        Encumbrance previous = bill.encumbrance;
        bill.encumbrance = encumbrance;
        emit EncumbranceChanged(billId, previous, encumbrance);
    }

    /// @inheritdoc IBillRegistry
    function markPaid(bytes32 billId) external nonReentrant onlyRole(AGENT_ROLE) {
        Bill storage bill = _bills[billId];
        BillStatus status = bill.status;
        if (status != BillStatus.ACCEPTED) _revertStatus(billId, status);

        address holder = _ownerOf(uint256(billId));
        bill.status = BillStatus.PAID;
        _burn(uint256(billId));
        emit BillPaid(billId, holder);
    }

    /// @inheritdoc IBillRegistry
    function cancel(bytes32 billId) external nonReentrant onlyRole(AGENT_ROLE) {
        Bill storage bill = _bills[billId];
        BillStatus status = bill.status;
        if (status != BillStatus.ISSUED) _revertStatus(billId, status);
        if (bill.encumbrance != Encumbrance.NONE) revert BillRegistry__BillEncumbered(billId, bill.encumbrance);

        address holder = _ownerOf(uint256(billId));
        bill.status = BillStatus.CANCELLED;
        _burn(uint256(billId));
        emit BillCancelled(billId, holder);
    }

    /// @dev The standard ERC-721 transfers, guarded against reentrancy like every other
    ///      token-moving function; recipient verification and encumbrance are checked in {_update}.
    function transferFrom(address from, address to, uint256 tokenId) public override nonReentrant {
        super.transferFrom(from, to, tokenId);
    }

    /// @dev See {transferFrom}. Calls `ERC721.transferFrom` directly (not this contract's
    ///      guarded override, which would trip the guard), then the receiver check.
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data)
        public
        override
        nonReentrant
    {
        super.transferFrom(from, to, tokenId);
        ERC721Utils.checkOnERC721Received(_msgSender(), from, to, tokenId, data);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IBillRegistry
    function billOf(bytes32 billId) external view returns (Bill memory bill, address holder) {
        return (_bills[billId], _ownerOf(uint256(billId)));
    }

    /// @inheritdoc IBillRegistry
    function commitmentOf(bytes32 billId) external view returns (bytes32) {
        return _commitment(_requireKnown(billId));
    }

    /// @inheritdoc IBillRegistry
    function acceptanceDigest(bytes32 billId, uint256 deadline) external view returns (bytes32) {
        Bill storage bill = _requireKnown(billId);
        bytes32 structHash = keccak256(abi.encode(ACCEPTANCE_TYPEHASH, billId, _commitment(bill), deadline));
        return _hashTypedDataV4(structHash);
    }

    /// @inheritdoc IBillRegistry
    function isFingerprintRegistered(bytes32 fingerprint) external view returns (bool) {
        return _billOfFingerprint[fingerprint] != bytes32(0);
    }

    /// @inheritdoc IBillRegistry
    function billIdOfFingerprint(bytes32 fingerprint) external view returns (bytes32) {
        return _billOfFingerprint[fingerprint];
    }

    /// @dev Also answers for {IBillRegistry} and {IBillRegistryBatch} (ERC-165), besides ERC-721,
    ///      AccessControl and AccessControlDefaultAdminRules.
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, AccessControlDefaultAdminRules)
        returns (bool)
    {
        return interfaceId == type(IBillRegistry).interfaceId || interfaceId == type(IBillRegistryBatch).interfaceId
            || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Every mint, transfer and burn passes here. A recipient (mint or transfer) must be
    ///      verified; a transfer of an encumbered bill is refused. Burns are not restricted.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (to != address(0)) {
            if (to != _batchVerifiedHolder && !identityRegistry.isVerified(to)) revert BillRegistry__RecipientNotVerified(to);
            if (_ownerOf(tokenId) != address(0)) {
                Encumbrance encumbrance = _bills[bytes32(tokenId)].encumbrance;
                if (encumbrance != Encumbrance.NONE) revert BillRegistry__BillEncumbered(bytes32(tokenId), encumbrance);
            }
        }
        return super._update(to, tokenId, auth);
    }

    /// @dev Claims `billId` and `fingerprint` for a new bill and returns its (empty) record.
    function _newBill(bytes32 billId, bytes32 fingerprint) private returns (Bill storage bill) {
        if (billId == bytes32(0)) revert BillRegistry__ZeroBillId();
        bill = _bills[billId];
        if (bill.status != BillStatus.NONE) revert BillRegistry__BillExists(billId);
        if (fingerprint == bytes32(0)) revert BillRegistry__ZeroFingerprint();
        bytes32 registeredBy = _billOfFingerprint[fingerprint];
        if (registeredBy != bytes32(0)) revert BillRegistry__DuplicateFingerprint(fingerprint, registeredBy);
        _billOfFingerprint[fingerprint] = billId;
        bill.fingerprint = fingerprint;
    }

    /// @dev The checks of {split}; returns the holder of `billId`.
    function _checkSplit(bytes32 billId, uint128[] calldata amounts, bytes32[] calldata childIds)
        private
        view
        returns (address holder)
    {
        holder = _requireLive(billId);
        address caller = _msgSender();
        if (!_isAuthorized(holder, caller, uint256(billId)) && !hasRole(AGENT_ROLE, caller)) {
            revert BillRegistry__NotAuthorized(caller, billId);
        }
        Bill storage parent = _bills[billId];
        if (parent.encumbrance != Encumbrance.NONE) revert BillRegistry__BillEncumbered(billId, parent.encumbrance);
        uint256 count = amounts.length;
        if (childIds.length != count) revert BillRegistry__SplitLengthMismatch(count, childIds.length);
        if (count < 2 || count > MAX_SPLIT_PARTS) revert BillRegistry__SplitPartCount(count);
        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            if (amounts[i] == 0) revert BillRegistry__ZeroAmount();
            // checked, though at most 100 parts below 2^128 each cannot overflow 256 bits
            total += amounts[i];
        }
        if (total != parent.amount) revert BillRegistry__SplitSumMismatch(parent.amount, total);
    }

    /// @dev Writes part `index` of bill `parentId` (record `parent`, still ISSUED or ACCEPTED)
    ///      and mints it to `holder`; the part inherits status, obligor, currency and due date.
    function _createPart(
        Bill storage parent,
        bytes32 parentId,
        uint256 index,
        bytes32 childId,
        uint128 amount,
        address holder
    ) private {
        Bill storage child = _newBill(childId, keccak256(abi.encode(parent.fingerprint, index)));
        child.amount = amount;
        child.currency = parent.currency;
        child.dueDate = parent.dueDate;
        child.status = parent.status;
        child.obligor = parent.obligor;
        child.parent = parentId;
        _mint(holder, uint256(childId));
    }

    /// @dev The holder of live (ISSUED or ACCEPTED) bill `billId`; reverts for any other.
    function _requireLive(bytes32 billId) private view returns (address holder) {
        BillStatus status = _bills[billId].status;
        if (status != BillStatus.ISSUED && status != BillStatus.ACCEPTED) _revertStatus(billId, status);
        return _ownerOf(uint256(billId));
    }

    function _requireKnown(bytes32 billId) private view returns (Bill storage bill) {
        bill = _bills[billId];
        if (bill.status == BillStatus.NONE) revert BillRegistry__UnknownBill(billId);
    }

    /// @dev The constructor's admin, refused when zero (before OpenZeppelin's own check, for this contract's error).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert BillRegistry__ZeroAdmin();
        return admin;
    }

    /// @dev {BillRegistry__UnknownBill} for NONE, {BillRegistry__InvalidStatus} otherwise.
    function _revertStatus(bytes32 billId, BillStatus status) private pure {
        if (status == BillStatus.NONE) revert BillRegistry__UnknownBill(billId);
        revert BillRegistry__InvalidStatus(billId, status);
    }

    function _commitment(Bill storage bill) private view returns (bytes32) {
        return keccak256(abi.encode(bill.obligor, bill.amount, bill.currency, bill.dueDate, bill.fingerprint));
    }

    /// @dev Three uppercase ASCII letters (ISO 4217 shape; whether the code is assigned is checked off chain).
    function _isCurrencyCode(bytes3 currency) private pure returns (bool) {
        for (uint256 i = 0; i < 3; ++i) {
            bytes1 letter = currency[i];
            if (letter < "A" || letter > "Z") return false;
        }
        return true;
    }
}
