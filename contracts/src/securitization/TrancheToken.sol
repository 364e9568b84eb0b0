// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IIdentityRegistry} from "../identity/interfaces/IIdentityRegistry.sol";
import {ITrancheToken} from "./interfaces/ITrancheToken.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title TrancheToken
/// @notice The notes of one tranche: a permissioned ERC-20 (ERC-3643 semantics). See {ITrancheToken}.
/// @dev Not built on OpenZeppelin's `ERC20`: its balance mapping would put a holder's balance and
///      the holder's tranche flags in two slots, and a transfer to a new holder would pay a fresh
///      slot (20,000 gas) for the balance on top of reading the flags. Here balance, eligibility
///      and freeze share one slot per holder ({Holder}), so a receiver that the agent has made
///      eligible already has a non-zero slot and a first transfer to it costs an update, not a new
///      slot; the identity registry is asked live (two STATICCALLs, one per end) so that an expiry
///      or a removal there takes effect at once. The ERC-20 surface follows OpenZeppelin's
///      (same events, same IERC6093 errors for allowances, infinite allowance not decreased).
///      No reentrancy guard: there are no receiver hooks, and the only external call,
///      {IIdentityRegistry-isVerified}, is a view (STATICCALL) that cannot change state.
///      Invariants: totalSupply == sum of all balances <= type(uint128).max; every credit
///      (mint, transfer, forced transfer, recovery) went to a wallet verified at that moment.
contract TrancheToken is ITrancheToken, AccessControlDefaultAdminRules, Pausable, IERC20Errors {
    /// @inheritdoc ITrancheToken
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    /// @inheritdoc ITrancheToken
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @inheritdoc ITrancheToken
    IIdentityRegistry public immutable identityRegistry;

    /// @inheritdoc ITrancheToken
    bytes32 public immutable trancheId;

    /// @dev 16 + 1 + 1 bytes: one slot per holder.
    struct Holder {
        uint128 balance;
        bool eligible;
        bool frozen;
    }

    mapping(address wallet => Holder) private _holders;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;
    uint256 private _totalSupply;
    string private _name;
    string private _symbol;

    /// @param name_ ERC-20 name, e.g. "Tally Pool 7 Class A Notes".
    /// @param symbol_ ERC-20 symbol, e.g. "P7-A".
    /// @param trancheId_ The platform's tranche id.
    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes AGENT_ROLE and MINTER_ROLE.
    /// @param identityRegistry_ The registry asked for both ends of every transfer.
    constructor(
        string memory name_,
        string memory symbol_,
        bytes32 trancheId_,
        address admin,
        IIdentityRegistry identityRegistry_
    ) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin)) {
        if (address(identityRegistry_) == address(0)) revert TrancheToken__ZeroIdentityRegistry();
        _name = name_;
        _symbol = symbol_;
        trancheId = trancheId_;
        identityRegistry = identityRegistry_;
    }

    // ---------------------------------------------------------------- ERC-20

    /// @inheritdoc IERC20
    function transfer(address to, uint256 amount) external returns (bool) {
        _transferChecked(msg.sender, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _transferChecked(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 amount) external returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function balanceOf(address wallet) external view returns (uint256) {
        return _holders[wallet].balance;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    /// @notice ERC-20 name.
    function name() external view returns (string memory) {
        return _name;
    }

    /// @notice ERC-20 symbol.
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @notice Minor units: 2 decimals, like the settlement tokens the notes are paid with.
    function decimals() external pure returns (uint8) {
        return 2;
    }

    // ---------------------------------------------------------------- agent actions

    /// @inheritdoc ITrancheToken
    function mint(address to, uint256 amount) external {
        if (!hasRole(AGENT_ROLE, msg.sender)) _checkRole(MINTER_ROLE);
        if (amount == 0) revert TrancheToken__ZeroAmount();
        uint8 reason = _reason(address(0), to, amount);
        if (reason != uint8(ReasonCode.OK)) revert TrancheToken__TransferRefused(address(0), to, amount, reason);

        _totalSupply += amount;
        // cannot overflow: _reason checked totalSupply + amount <= type(uint128).max, and a balance never exceeds the supply
        unchecked {
            _holders[to].balance += uint128(amount);
        }
        emit Transfer(address(0), to, amount);
    }

    /// @inheritdoc ITrancheToken
    function burn(address from, uint256 amount) external onlyRole(AGENT_ROLE) {
        if (amount == 0) revert TrancheToken__ZeroAmount();
        Holder storage holder = _holders[from];
        uint256 balance = holder.balance;
        if (balance < amount) revert TrancheToken__InsufficientBalance(from, balance, amount);

        // cannot underflow: amount <= balance <= totalSupply
        unchecked {
            holder.balance = uint128(balance - amount);
            _totalSupply -= amount;
        }
        emit Transfer(from, address(0), amount);
    }

    /// @inheritdoc ITrancheToken
    function setEligible(address wallet, bool eligible) external onlyRole(AGENT_ROLE) {
        _setEligible(wallet, eligible);
    }

    /// @inheritdoc ITrancheToken
    function setEligibleBatch(address[] calldata wallets, bool eligible) external onlyRole(AGENT_ROLE) {
        uint256 count = wallets.length;
        for (uint256 i = 0; i < count; ++i) {
            _setEligible(wallets[i], eligible);
        }
    }

    /// @inheritdoc ITrancheToken
    function setAddressFrozen(address wallet, bool frozen) external onlyRole(AGENT_ROLE) {
        if (wallet == address(0)) revert TrancheToken__ZeroAddress();
        _holders[wallet].frozen = frozen;
        emit AddressFrozen(wallet, frozen, msg.sender);
    }

    /// @inheritdoc ITrancheToken
    function pause() external onlyRole(AGENT_ROLE) {
        _pause();
    }

    /// @inheritdoc ITrancheToken
    function unpause() external onlyRole(AGENT_ROLE) {
        _unpause();
    }

    /// @inheritdoc ITrancheToken
    function forcedTransfer(address from, address to, uint256 amount) external onlyRole(AGENT_ROLE) returns (bool) {
        if (from == address(0)) revert TrancheToken__ZeroAddress();
        if (amount == 0) revert TrancheToken__ZeroAmount();
        if (to == address(0)) revert TrancheToken__TransferRefused(from, to, amount, uint8(ReasonCode.ZERO_ADDRESS));
        Holder storage sender = _holders[from];
        uint256 balance = sender.balance;
        if (balance < amount) revert TrancheToken__InsufficientBalance(from, balance, amount);
        if (!identityRegistry.isVerified(to)) {
            revert TrancheToken__TransferRefused(from, to, amount, uint8(ReasonCode.RECEIVER_NOT_VERIFIED));
        }

        _move(sender, _holders[to], amount);
        emit Transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount, msg.sender);
        return true;
    }

    /// @inheritdoc ITrancheToken
    function recoveryAddress(address lostWallet, address newWallet) external onlyRole(AGENT_ROLE) returns (bool) {
        if (lostWallet == address(0) || newWallet == address(0)) revert TrancheToken__ZeroAddress();
        Holder storage lost = _holders[lostWallet];
        Holder storage replacement = _holders[newWallet];
        uint256 amount = lost.balance;
        if (amount == 0) revert TrancheToken__NothingToRecover(lostWallet);
        if (newWallet == lostWallet || replacement.balance != 0) revert TrancheToken__InvalidRecoveryWallet(newWallet);
        if (!identityRegistry.isVerified(newWallet)) {
            revert TrancheToken__TransferRefused(lostWallet, newWallet, amount, uint8(ReasonCode.RECEIVER_NOT_VERIFIED));
        }

        bool frozen = lost.frozen || replacement.frozen;
        replacement.balance = uint128(amount); // the lost wallet's balance, a uint128
        replacement.eligible = true;
        replacement.frozen = frozen;
        lost.balance = 0;
        lost.eligible = false;
        emit Transfer(lostWallet, newWallet, amount);
        emit EligibilitySet(lostWallet, false, msg.sender);
        emit EligibilitySet(newWallet, true, msg.sender);
        if (frozen) emit AddressFrozen(newWallet, true, msg.sender);
        emit WalletRecovered(lostWallet, newWallet, amount, frozen, msg.sender);
        return true;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ITrancheToken
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed, uint8 reason) {
        reason = _reason(from, to, amount);
        allowed = reason == uint8(ReasonCode.OK);
    }

    /// @inheritdoc ITrancheToken
    function isEligible(address wallet) external view returns (bool) {
        return _holders[wallet].eligible;
    }

    /// @inheritdoc ITrancheToken
    function isFrozen(address wallet) external view returns (bool) {
        return _holders[wallet].frozen;
    }

    /// @dev Also answers for {ITrancheToken} and IERC20 (ERC-165), besides AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ITrancheToken).interfaceId || interfaceId == type(IERC20).interfaceId
            || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    function _transferChecked(address from, address to, uint256 amount) private {
        uint8 reason = _reason(from, to, amount);
        if (reason != uint8(ReasonCode.OK)) revert TrancheToken__TransferRefused(from, to, amount, reason);
        _move(_holders[from], _holders[to], amount);
        emit Transfer(from, to, amount);
    }

    /// @dev `amount` <= the sender's balance, checked by the caller.
    function _move(Holder storage sender, Holder storage receiver, uint256 amount) private {
        // cannot underflow (amount <= balance) nor overflow (the sum of two balances <= totalSupply
        // <= type(uint128).max); the casts are exact for the same reason
        unchecked {
            sender.balance -= uint128(amount);
            receiver.balance += uint128(amount);
        }
    }

    /// @dev The transfer rules in {ReasonCode} order; `from` zero = a mint.
    function _reason(address from, address to, uint256 amount) private view returns (uint8) {
        if (paused()) return uint8(ReasonCode.PAUSED);
        if (to == address(0)) return uint8(ReasonCode.ZERO_ADDRESS);
        Holder memory receiver = _holders[to];
        bool isMint = from == address(0);
        Holder memory sender;
        if (!isMint) {
            sender = _holders[from];
            if (sender.frozen) return uint8(ReasonCode.SENDER_FROZEN);
        }
        if (receiver.frozen) return uint8(ReasonCode.RECEIVER_FROZEN);
        if (!isMint && !identityRegistry.isVerified(from)) return uint8(ReasonCode.SENDER_NOT_VERIFIED);
        if (!identityRegistry.isVerified(to)) return uint8(ReasonCode.RECEIVER_NOT_VERIFIED);
        if (!receiver.eligible) return uint8(ReasonCode.RECEIVER_NOT_ELIGIBLE);
        if (isMint) {
            if (amount > type(uint128).max - _totalSupply) return uint8(ReasonCode.AMOUNT_TOO_LARGE);
        } else if (sender.balance < amount) {
            return uint8(ReasonCode.INSUFFICIENT_BALANCE);
        }
        return uint8(ReasonCode.OK);
    }

    function _spendAllowance(address owner, address spender, uint256 amount) private {
        uint256 current = _allowances[owner][spender];
        if (current == type(uint256).max) return; // infinite allowance, as in OpenZeppelin's ERC20
        if (current < amount) revert ERC20InsufficientAllowance(spender, current, amount);
        // cannot underflow: checked just above
        // no Approval event on spending, as in OpenZeppelin's ERC20 5.x
        unchecked {
            _allowances[owner][spender] = current - amount;
        }
    }

    function _setEligible(address wallet, bool eligible) private {
        if (wallet == address(0)) revert TrancheToken__ZeroAddress();
        _holders[wallet].eligible = eligible;
        emit EligibilitySet(wallet, eligible, msg.sender);
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert TrancheToken__ZeroAdmin();
        return admin;
    }
}
