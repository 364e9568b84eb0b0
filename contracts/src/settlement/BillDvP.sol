// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBillRegistry} from "../bills/interfaces/IBillRegistry.sol";
import {IBillDvP} from "./interfaces/IBillDvP.sol";
import {ISettlementToken} from "./interfaces/ISettlementToken.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title BillDvP
/// @notice Atomic delivery versus payment of digital bills against settlement tokens. See {IBillDvP}.
/// @dev Checks-effects-interactions: each settlement checks the bill and the payer's consent,
///      records its id as settled and the consent's nonce as used, then calls the token
///      (`dvpTransfer`) and the registry (move, encumber or mark paid); any failure reverts the
///      whole transaction, including the records. `nonReentrant`
///      (transient storage, EIP-1153) stops a financier contract's `onERC721Received` from
///      settling again in the middle of a settlement.
contract BillDvP is IBillDvP, AccessControlDefaultAdminRules, EIP712, ReentrancyGuardTransient {
    bytes32 private constant FINANCING_CONSENT_TYPEHASH = keccak256(
        "FinancingConsent(bytes32 billId,uint256 price,address payer,address payee,uint256 deadline,uint256 nonce)"
    );
    bytes32 private constant REPAYMENT_CONSENT_TYPEHASH = keccak256(
        "RepaymentConsent(bytes32 billId,uint256 amount,address payer,address payee,uint256 deadline,uint256 nonce)"
    );

    /// @inheritdoc IBillDvP
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    /// @inheritdoc IBillDvP
    IBillRegistry public immutable billRegistry;

    mapping(bytes3 currency => address token) private _settlementTokens;
    mapping(bytes32 financingId => bool) private _financingSettled;
    mapping(bytes32 paymentId => bool) private _repaymentSettled;
    mapping(address payer => mapping(uint256 nonce => bool)) private _consentNonceUsed;

    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes AGENT_ROLE and sets the
    ///        settlement tokens.
    /// @param billRegistry_ The bill registry (this contract needs its AGENT_ROLE).
    constructor(address admin, IBillRegistry billRegistry_) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin))
        EIP712("Tally BillDvP", "1")
    {
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
        Consent calldata financierConsent
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
        ISettlementToken token = _settlementToken(bill.currency);
        bytes32 digest = _financingDigest(billId, price, financier, seller, financierConsent.deadline, financierConsent.nonce);
        _checkConsent(financier, digest, financierConsent);

        _financingSettled[financingId] = true;
        _consentNonceUsed[financier][financierConsent.nonce] = true;

        token.dvpTransfer(financier, seller, price);
        billRegistry.agentTransfer(billId, financier);
        billRegistry.setEncumbrance(billId, IBillRegistry.Encumbrance.FINANCED);
        emit FinancingSettled(financingId, billId, seller, financier, price);
    }

    /// @inheritdoc IBillDvP
    function settleRepayment(bytes32 paymentId, bytes32 billId, Consent calldata obligorConsent)
        external
        nonReentrant
        onlyRole(AGENT_ROLE)
    {
        if (paymentId == bytes32(0)) revert BillDvP__ZeroId();
        if (_repaymentSettled[paymentId]) revert BillDvP__RepaymentAlreadySettled(paymentId);
        (IBillRegistry.Bill memory bill, address holder) = billRegistry.billOf(billId);
        if (bill.status != IBillRegistry.BillStatus.ACCEPTED) revert BillDvP__BillNotAccepted(billId, bill.status);
        ISettlementToken token = _settlementToken(bill.currency);
        bytes32 digest =
            _repaymentDigest(billId, bill.amount, bill.obligor, holder, obligorConsent.deadline, obligorConsent.nonce);
        _checkConsent(bill.obligor, digest, obligorConsent);

        _repaymentSettled[paymentId] = true;
        _consentNonceUsed[bill.obligor][obligorConsent.nonce] = true;

        token.dvpTransfer(bill.obligor, holder, bill.amount);
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

    /// @inheritdoc IBillDvP
    function isConsentNonceUsed(address payer, uint256 nonce) external view returns (bool) {
        return _consentNonceUsed[payer][nonce];
    }

    /// @inheritdoc IBillDvP
    function financingConsentDigest(
        bytes32 billId,
        uint256 price,
        address payer,
        address payee,
        uint256 deadline,
        uint256 nonce
    ) external view returns (bytes32) {
        return _financingDigest(billId, price, payer, payee, deadline, nonce);
    }

    /// @inheritdoc IBillDvP
    function repaymentConsentDigest(
        bytes32 billId,
        uint256 amount,
        address payer,
        address payee,
        uint256 deadline,
        uint256 nonce
    ) external view returns (bytes32) {
        return _repaymentDigest(billId, amount, payer, payee, deadline, nonce);
    }

    /// @dev Also answers for {IBillDvP} (ERC-165), besides AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IBillDvP).interfaceId || super.supportsInterface(interfaceId);
    }

    function _settlementToken(bytes3 currency) private view returns (ISettlementToken) {
        address token = _settlementTokens[currency];
        if (token == address(0)) revert BillDvP__NoSettlementToken(currency);
        return ISettlementToken(token);
    }

    /// @dev Refuses an expired consent, a used nonce, or a signature that is not `payer`'s over
    ///      `digest` (ECDSA for an account, ERC-1271 for a contract wallet). The nonce is spent
    ///      by the caller, after all its checks.
    function _checkConsent(address payer, bytes32 digest, Consent calldata consent) private view {
        if (consent.deadline < block.timestamp) revert BillDvP__ConsentExpired(payer, consent.deadline);
        if (_consentNonceUsed[payer][consent.nonce]) revert BillDvP__ConsentUsed(payer, consent.nonce);
        if (!SignatureChecker.isValidSignatureNow(payer, digest, consent.signature)) revert BillDvP__ConsentInvalid(payer);
    }

    function _financingDigest(
        bytes32 billId,
        uint256 price,
        address payer,
        address payee,
        uint256 deadline,
        uint256 nonce
    ) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(FINANCING_CONSENT_TYPEHASH, billId, price, payer, payee, deadline, nonce)));
    }

    function _repaymentDigest(
        bytes32 billId,
        uint256 amount,
        address payer,
        address payee,
        uint256 deadline,
        uint256 nonce
    ) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(REPAYMENT_CONSENT_TYPEHASH, billId, amount, payer, payee, deadline, nonce)));
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert BillDvP__ZeroAdmin();
        return admin;
    }
}
