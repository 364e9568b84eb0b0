// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ISpvVault} from "./interfaces/ISpvVault.sol";
import {ITrancheDvP} from "./interfaces/ITrancheDvP.sol";
import {ITrancheToken} from "./interfaces/ITrancheToken.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title TrancheDvP
/// @notice Atomic subscription settlement: settlement tokens to the SPV vault against notes. See {ITrancheDvP}.
/// @dev Checks-effects-interactions: the subscription is checked and recorded as settled before
///      the permit, the pull and the mint; any failure reverts all of it, including the record.
///      `nonReentrant` (transient storage) stops a settlement token that calls back from settling
///      again in the middle of a settlement.
contract TrancheDvP is ITrancheDvP, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc ITrancheDvP
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    /// @inheritdoc ITrancheDvP
    ISpvVault public immutable vault;

    /// @inheritdoc ITrancheDvP
    IERC20 public immutable settlementToken;

    mapping(address tranche => bool) private _tranches;
    mapping(bytes32 subscriptionId => bool) private _settled;

    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes AGENT_ROLE and registers tranches.
    /// @param vault_ The deal's SPV vault.
    /// @param settlementToken_ The settlement token of the deal's currency (EIP-2612).
    constructor(address admin, ISpvVault vault_, IERC20 settlementToken_) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin)) {
        if (address(vault_) == address(0) || address(settlementToken_) == address(0)) revert TrancheDvP__ZeroAddress();
        vault = vault_;
        settlementToken = settlementToken_;
    }

    /// @inheritdoc ITrancheDvP
    function setTranche(address tranche, bool registered) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (tranche == address(0)) revert TrancheDvP__ZeroAddress();
        _tranches[tranche] = registered;
        emit TrancheRegistered(tranche, registered);
    }

    /// @inheritdoc ITrancheDvP
    function settleSubscription(
        bytes32 subscriptionId,
        ITrancheToken tranche,
        address investor,
        uint256 notes,
        uint256 payment,
        PermitData calldata permit
    ) external nonReentrant onlyRole(AGENT_ROLE) {
        if (subscriptionId == bytes32(0)) revert TrancheDvP__ZeroId();
        if (_settled[subscriptionId]) revert TrancheDvP__AlreadySettled(subscriptionId);
        if (!_tranches[address(tranche)]) revert TrancheDvP__UnknownTranche(address(tranche));
        if (investor == address(0) || notes == 0 || payment == 0) revert TrancheDvP__InvalidSubscription();
        if (permit.value != payment || permit.deadline == 0) revert TrancheDvP__PermitMismatch(permit.value, payment);

        _settled[subscriptionId] = true;

        IERC20 token = settlementToken;
        try IERC20Permit(address(token)).permit(
            investor, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s
        // the permit succeeded: nothing more to do
        // solhint-disable-next-line no-empty-blocks
        ) {} catch {
            // someone submitted the same permit first (a known front-running grief): then the allowance is
            // exactly the permit's value. Any other allowance (a standing approve) is not consent to this payment.
            if (token.allowance(investor, address(this)) != payment) revert TrancheDvP__PermitFailed(investor);
        }
        token.safeTransferFrom(investor, address(vault), payment);
        tranche.mint(investor, notes);
        emit SubscriptionSettled(subscriptionId, address(tranche), investor, notes, payment);
    }

    /// @inheritdoc ITrancheDvP
    function isTranche(address tranche) external view returns (bool) {
        return _tranches[tranche];
    }

    /// @inheritdoc ITrancheDvP
    function isSettled(bytes32 subscriptionId) external view returns (bool) {
        return _settled[subscriptionId];
    }

    /// @dev Also answers for {ITrancheDvP} (ERC-165), besides AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ITrancheDvP).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert TrancheDvP__ZeroAdmin();
        return admin;
    }
}
