// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

import {IIdentityRegistry} from "../identity/interfaces/IIdentityRegistry.sol";
import {ISettlementToken} from "./interfaces/ISettlementToken.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title SettlementToken
/// @notice ERC-20 tokenized deposit in one currency, 2 decimals, with EIP-2612 permit. See {ISettlementToken}.
/// @dev No reentrancy guard: OpenZeppelin's ERC-20 has no receiver hooks, and the only external
///      call, {IIdentityRegistry-isVerified}, is a view (STATICCALL) that cannot change state.
contract SettlementToken is ISettlementToken, ERC20, ERC20Permit, AccessControlDefaultAdminRules {
    /// @inheritdoc ISettlementToken
    bytes32 public constant SETTLEMENT_AGENT_ROLE = keccak256("SETTLEMENT_AGENT_ROLE");

    /// @inheritdoc ISettlementToken
    bytes32 public constant DVP_ROLE = keccak256("DVP_ROLE");

    /// @inheritdoc ISettlementToken
    bytes3 public immutable currency;

    /// @inheritdoc ISettlementToken
    IIdentityRegistry public immutable identityRegistry;

    mapping(bytes32 depositRef => bool) private _depositRefUsed;
    mapping(bytes32 withdrawalRef => bool) private _withdrawalRefUsed;

    /// @param name_ ERC-20 name, also the EIP-712 (permit) domain name, e.g. "Tally EUR Deposit".
    /// @param symbol_ ERC-20 symbol, e.g. "tEUR".
    /// @param currency_ ISO 4217 code, three uppercase ASCII letters, e.g. "EUR".
    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes SETTLEMENT_AGENT_ROLE.
    /// @param identityRegistry_ The registry asked before every mint and transfer.
    constructor(
        string memory name_,
        string memory symbol_,
        bytes3 currency_,
        address admin,
        IIdentityRegistry identityRegistry_
    ) ERC20(name_, symbol_) ERC20Permit(name_) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin)) {
        if (address(identityRegistry_) == address(0)) revert SettlementToken__ZeroIdentityRegistry();
        if (!_isCurrencyCode(currency_)) revert SettlementToken__InvalidCurrency(currency_);
        currency = currency_;
        identityRegistry = identityRegistry_;
    }

    /// @inheritdoc ISettlementToken
    function mint(address to, uint256 amount, bytes32 depositRef) external onlyRole(SETTLEMENT_AGENT_ROLE) {
        if (amount == 0) revert SettlementToken__ZeroAmount();
        if (depositRef == bytes32(0)) revert SettlementToken__ZeroRef();
        if (_depositRefUsed[depositRef]) revert SettlementToken__DepositRefUsed(depositRef);

        _depositRefUsed[depositRef] = true;
        _mint(to, amount);
        emit Minted(to, amount, depositRef);
    }

    /// @inheritdoc ISettlementToken
    function burn(address from, uint256 amount, bytes32 withdrawalRef) external onlyRole(SETTLEMENT_AGENT_ROLE) {
        if (amount == 0) revert SettlementToken__ZeroAmount();
        if (withdrawalRef == bytes32(0)) revert SettlementToken__ZeroRef();
        if (_withdrawalRefUsed[withdrawalRef]) revert SettlementToken__WithdrawalRefUsed(withdrawalRef);

        _withdrawalRefUsed[withdrawalRef] = true;
        _burn(from, amount);
        emit Burned(from, amount, withdrawalRef);
    }

    /// @inheritdoc ISettlementToken
    function dvpTransfer(address from, address to, uint256 amount) external onlyRole(DVP_ROLE) {
        _transfer(from, to, amount);
    }

    /// @inheritdoc ISettlementToken
    function isDepositRefUsed(bytes32 depositRef) external view returns (bool) {
        return _depositRefUsed[depositRef];
    }

    /// @inheritdoc ISettlementToken
    function isWithdrawalRefUsed(bytes32 withdrawalRef) external view returns (bool) {
        return _withdrawalRefUsed[withdrawalRef];
    }

    /// @notice Minor units: 2 decimals (cents).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @dev Also answers for {ISettlementToken} (ERC-165), besides AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ISettlementToken).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev Every mint, transfer and burn passes here: a mint's recipient and both ends of a
    ///      transfer must be verified; burns are not restricted.
    function _update(address from, address to, uint256 value) internal override {
        if (to != address(0)) {
            if (from != address(0) && !identityRegistry.isVerified(from)) revert SettlementToken__NotVerified(from);
            if (!identityRegistry.isVerified(to)) revert SettlementToken__NotVerified(to);
        }
        super._update(from, to, value);
    }

    /// @dev Three uppercase ASCII letters (ISO 4217 shape; whether the code is assigned is checked off chain).
    function _isCurrencyCode(bytes3 code) private pure returns (bool) {
        for (uint256 i = 0; i < 3; ++i) {
            bytes1 letter = code[i];
            if (letter < "A" || letter > "Z") return false;
        }
        return true;
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert SettlementToken__ZeroAdmin();
        return admin;
    }
}
