// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBillRegistry} from "../bills/interfaces/IBillRegistry.sol";
import {IBillDvP} from "./interfaces/IBillDvP.sol";
import {ISettlementToken} from "./interfaces/ISettlementToken.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title BillDvP
/// @notice Atomic delivery versus payment of digital bills against settlement tokens. See {IBillDvP}.
/// @dev Checks-effects-interactions: each settlement checks the bill, records its id as settled,
///      then calls the token (permit, transferFrom) and the registry (move, encumber or mark
///      paid); any failure reverts the whole transaction, including the record. `nonReentrant`
///      (transient storage, EIP-1153) stops a financier contract's `onERC721Received` from
///      settling again in the middle of a settlement.
contract BillDvP is IBillDvP, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IBillDvP
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    /// @inheritdoc IBillDvP
    IBillRegistry public immutable billRegistry;

    mapping(bytes3 currency => address token) private _settlementTokens;
    mapping(bytes32 financingId => bool) private _financingSettled;
    mapping(bytes32 paymentId => bool) private _repaymentSettled;

    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes AGENT_ROLE and sets the
    ///        settlement tokens.
    /// @param billRegistry_ The bill registry (this contract needs its AGENT_ROLE).
    constructor(address admin, IBillRegistry billRegistry_) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin)) {
        if (address(billRegistry_) == address(0)) revert BillDvP__ZeroBillRegistry();
        billRegistry = billRegistry_;
    }

    /// @inheritdoc IBillDvP
    function setSettlementToken(bytes3 currency, address token) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token != address(0)) {
            bytes3 tokenCurrency = ISettlementToken(token).currency();
            if (tokenCurrency != currency) revert BillDvP__CurrencyMismatch(currency, tokenCurrency);
        }
        _settlementTokens[currency] = token;
        emit SettlementTokenSet(currency, token);
    }

    /// @inheritdoc IBillDvP
    function settleFinancing(
        bytes32 financingId,
        bytes32 billId,
        address financier,
        uint256 price,
        PermitData calldata financierPermit
    ) external nonReentrant onlyRole(AGENT_ROLE) {
        if (financingId == bytes32(0)) revert BillDvP__ZeroId();
        if (_financingSettled[financingId]) revert BillDvP__FinancingAlreadySettled(financingId);
        if (financier == address(0)) revert BillDvP__ZeroFinancier();
        (IBillRegistry.Bill memory bill, address seller) = billRegistry.billOf(billId);
        if (bill.status != IBillRegistry.BillStatus.ACCEPTED) revert BillDvP__BillNotAccepted(billId, bill.status);
        if (bill.encumbrance != IBillRegistry.Encumbrance.NONE) {
            revert BillDvP__BillEncumbered(billId, bill.encumbrance);
        }
        if (price == 0 || price > bill.amount) revert BillDvP__InvalidPrice(price, bill.amount);
        if (financier == seller) revert BillDvP__FinancierIsHolder(financier);
        IERC20 token = _settlementToken(bill.currency);

        _financingSettled[financingId] = true;

        _pull(token, financier, seller, price, financierPermit);
        billRegistry.agentTransfer(billId, financier);
        billRegistry.setEncumbrance(billId, IBillRegistry.Encumbrance.FINANCED);
        emit FinancingSettled(financingId, billId, seller, financier, price);
    }

    /// @inheritdoc IBillDvP
    function settleRepayment(bytes32 paymentId, bytes32 billId, PermitData calldata obligorPermit)
        external
        nonReentrant
        onlyRole(AGENT_ROLE)
    {
        if (paymentId == bytes32(0)) revert BillDvP__ZeroId();
        if (_repaymentSettled[paymentId]) revert BillDvP__RepaymentAlreadySettled(paymentId);
        (IBillRegistry.Bill memory bill, address holder) = billRegistry.billOf(billId);
        if (bill.status != IBillRegistry.BillStatus.ACCEPTED) revert BillDvP__BillNotAccepted(billId, bill.status);
        IERC20 token = _settlementToken(bill.currency);

        _repaymentSettled[paymentId] = true;

        _pull(token, bill.obligor, holder, bill.amount, obligorPermit);
        billRegistry.markPaid(billId);
        emit RepaymentSettled(paymentId, billId, bill.obligor, holder, bill.amount);
    }

    /// @inheritdoc IBillDvP
    function settlementTokenOf(bytes3 currency) external view returns (address) {
        return _settlementTokens[currency];
    }

    /// @inheritdoc IBillDvP
    function isFinancingSettled(bytes32 financingId) external view returns (bool) {
        return _financingSettled[financingId];
    }

    /// @inheritdoc IBillDvP
    function isRepaymentSettled(bytes32 paymentId) external view returns (bool) {
        return _repaymentSettled[paymentId];
    }

    /// @dev Also answers for {IBillDvP} (ERC-165), besides AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IBillDvP).interfaceId || super.supportsInterface(interfaceId);
    }

    function _settlementToken(bytes3 currency) private view returns (IERC20) {
        address token = _settlementTokens[currency];
        if (token == address(0)) revert BillDvP__NoSettlementToken(currency);
        return IERC20(token);
    }

    /// @dev Moves `amount` from `owner` to `to` with this contract as spender, after applying
    ///      `permit` unless its deadline is 0. A failing permit is tolerated when the allowance
    ///      already covers `amount` (someone submitted the same permit first, a known
    ///      front-running grief); otherwise {BillDvP__PermitFailed}.
    function _pull(IERC20 token, address owner, address to, uint256 amount, PermitData calldata permit) private {
        if (permit.deadline != 0) {
            try IERC20Permit(address(token)).permit(
                owner, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s
            // the permit succeeded: nothing more to do
            // solhint-disable-next-line no-empty-blocks
            ) {} catch {
                if (token.allowance(owner, address(this)) < amount) revert BillDvP__PermitFailed(owner);
            }
        }
        token.safeTransferFrom(owner, to, amount);
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert BillDvP__ZeroAdmin();
        return admin;
    }
}
