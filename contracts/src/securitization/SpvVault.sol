// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBillRegistry} from "../bills/interfaces/IBillRegistry.sol";
import {ISpvVault} from "./interfaces/ISpvVault.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title SpvVault
/// @notice One deal's SPV wallet for its bills and settlement tokens. See {ISpvVault}.
/// @dev Checks-effects-interactions: a batch is checked bill by bill and recorded as settled
///      before the first registry call; a payment is recorded before the token moves. Any failure
///      reverts the whole transaction. `nonReentrant` (transient storage) guards both writes, so a
///      token that calls back (a malicious settlement token given to {payOut}) cannot pay twice or
///      start a batch mid-payment; {onERC721Received} only accepts a bill while a batch of this
///      vault is running (a transient flag), from the bill registry, with the vault as operator.
contract SpvVault is ISpvVault, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc ISpvVault
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    /// @inheritdoc ISpvVault
    IBillRegistry public immutable billRegistry;

    mapping(bytes32 batchId => bool) private _batchSettled;
    mapping(bytes32 paymentId => bool) private _paymentMade;

    /// @dev True only inside {trueSaleBatch}: the one time the vault expects a bill.
    bool private transient _receiving;

    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes AGENT_ROLE.
    /// @param billRegistry_ The bill registry (this vault needs its AGENT_ROLE).
    constructor(address admin, IBillRegistry billRegistry_) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin)) {
        if (address(billRegistry_) == address(0)) revert SpvVault__ZeroBillRegistry();
        billRegistry = billRegistry_;
    }

    /// @inheritdoc ISpvVault
    function trueSaleBatch(bytes32 batchId, address originator, bytes32[] calldata billIds)
        external
        nonReentrant
        onlyRole(AGENT_ROLE)
    {
        if (batchId == bytes32(0)) revert SpvVault__ZeroId();
        if (_batchSettled[batchId]) revert SpvVault__BatchAlreadySettled(batchId);
        uint256 count = billIds.length;
        if (count == 0) revert SpvVault__EmptyBatch();
        IBillRegistry registry = billRegistry;

        // checks, and the flags of the bills that were pooled before the sale
        uint256 faceTotal = 0;
        bool[] memory wasPooled = new bool[](count);
        for (uint256 i = 0; i < count; ++i) {
            bytes32 billId = billIds[i];
            // strictly ascending: a bill listed twice cannot be counted twice
            if (i > 0 && billId <= billIds[i - 1]) revert SpvVault__BatchNotAscending(i);
            (IBillRegistry.Bill memory bill, address holder) = registry.billOf(billId);
            if (holder != originator) revert SpvVault__NotHeldByOriginator(billId, holder);
            if (bill.status != IBillRegistry.BillStatus.ACCEPTED) revert SpvVault__BillNotAccepted(billId, bill.status);
            if (bill.encumbrance == IBillRegistry.Encumbrance.POOLED) wasPooled[i] = true;
            else if (bill.encumbrance != IBillRegistry.Encumbrance.NONE) revert SpvVault__BillEncumbered(billId, bill.encumbrance);
            faceTotal += bill.amount;
        }

        // effects
        _batchSettled[batchId] = true;

        // interactions, with the registry (trusted)
        _receiving = true;
        for (uint256 i = 0; i < count; ++i) {
            bytes32 billId = billIds[i];
            // a POOLED bill cannot move: lift the encumbrance for the transfer, inside this transaction only
            if (wasPooled[i]) registry.setEncumbrance(billId, IBillRegistry.Encumbrance.NONE);
            registry.agentTransfer(billId, address(this));
            registry.setEncumbrance(billId, IBillRegistry.Encumbrance.POOLED);
        }
        _receiving = false;
        emit TrueSaleBatchSettled(batchId, originator, count, faceTotal);
    }

    /// @inheritdoc ISpvVault
    function payOut(bytes32 paymentId, IERC20 token, address to, uint256 amount)
        external
        nonReentrant
        onlyRole(AGENT_ROLE)
    {
        if (paymentId == bytes32(0)) revert SpvVault__ZeroId();
        if (_paymentMade[paymentId]) revert SpvVault__PaymentAlreadyMade(paymentId);
        if (to == address(0) || amount == 0) revert SpvVault__InvalidPayment();

        _paymentMade[paymentId] = true;

        token.safeTransfer(to, amount);
        emit PaidOut(paymentId, address(token), to, amount);
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address operator, address, uint256 tokenId, bytes calldata)
        external
        view
        returns (bytes4)
    {
        if (!_receiving || msg.sender != address(billRegistry) || operator != address(this)) {
            revert SpvVault__UnexpectedToken(msg.sender, tokenId);
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    /// @inheritdoc ISpvVault
    function isBatchSettled(bytes32 batchId) external view returns (bool) {
        return _batchSettled[batchId];
    }

    /// @inheritdoc ISpvVault
    function isPaymentMade(bytes32 paymentId) external view returns (bool) {
        return _paymentMade[paymentId];
    }

    /// @dev Also answers for {ISpvVault} and IERC721Receiver (ERC-165), besides AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ISpvVault).interfaceId || interfaceId == type(IERC721Receiver).interfaceId
            || super.supportsInterface(interfaceId);
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert SpvVault__ZeroAdmin();
        return admin;
    }
}
