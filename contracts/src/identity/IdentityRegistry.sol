// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";
import {ADMIN_DELAY} from "../access/AdminDelay.sol";

/// @title IdentityRegistry
/// @notice Verified wallets of KYC-approved organizations: country and expiry only. See {IIdentityRegistry}.
/// @dev One storage slot per wallet (country and expiry packed), so {isVerified} is a single SLOAD.
///      Invariant: a wallet is registered iff its country is non-zero iff its expiry is non-zero
///      ({register} rejects zero for both, {remove} deletes both).
contract IdentityRegistry is IIdentityRegistry, AccessControlDefaultAdminRules {
    /// @inheritdoc IIdentityRegistry
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @dev 2 + 8 bytes: both fields share one slot.
    struct Identity {
        bytes2 country;
        uint64 expiresAt;
    }

    mapping(address wallet => Identity) private _identities;

    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes REGISTRAR_ROLE.
    constructor(address admin) AccessControlDefaultAdminRules(ADMIN_DELAY, _checkedAdmin(admin)) {}

    /// @inheritdoc IIdentityRegistry
    function register(address wallet, bytes2 country, uint64 expiresAt) external onlyRole(REGISTRAR_ROLE) {
        _register(wallet, country, expiresAt);
    }

    /// @inheritdoc IIdentityRegistry
    function registerBatch(address[] calldata wallets, bytes2[] calldata countries, uint64[] calldata expiries)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        uint256 count = wallets.length;
        if (countries.length != count || expiries.length != count) {
            revert IdentityRegistry__LengthMismatch(count, countries.length, expiries.length);
        }
        for (uint256 i = 0; i < count; ++i) {
            _register(wallets[i], countries[i], expiries[i]);
        }
    }

    /// @inheritdoc IIdentityRegistry
    function remove(address wallet) external onlyRole(REGISTRAR_ROLE) {
        if (_identities[wallet].expiresAt == 0) revert IdentityRegistry__NotRegistered(wallet);
        delete _identities[wallet];
        emit IdentityRemoved(wallet);
    }

    /// @inheritdoc IIdentityRegistry
    function isVerified(address wallet) external view returns (bool) {
        // An unregistered wallet has expiresAt == 0, which no block timestamp is below.
        return block.timestamp < _identities[wallet].expiresAt;
    }

    /// @inheritdoc IIdentityRegistry
    function isRegistered(address wallet) external view returns (bool) {
        return _identities[wallet].expiresAt != 0;
    }

    /// @inheritdoc IIdentityRegistry
    function identityOf(address wallet) external view returns (bytes2 country, uint64 expiresAt) {
        Identity memory identity = _identities[wallet];
        return (identity.country, identity.expiresAt);
    }

    /// @dev Also answers for {IIdentityRegistry} (ERC-165).
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IIdentityRegistry).interfaceId || super.supportsInterface(interfaceId);
    }

    function _register(address wallet, bytes2 country, uint64 expiresAt) private {
        if (wallet == address(0)) revert IdentityRegistry__ZeroAddress();
        if (!_isCountryCode(country)) revert IdentityRegistry__InvalidCountry(country);
        if (expiresAt <= block.timestamp) revert IdentityRegistry__ExpiryNotInFuture(expiresAt);

        Identity storage identity = _identities[wallet];
        bool known = identity.expiresAt != 0;
        identity.country = country;
        identity.expiresAt = expiresAt;
        if (known) emit IdentityUpdated(wallet, country, expiresAt);
        else emit IdentityRegistered(wallet, country, expiresAt);
    }

    /// @dev Two uppercase ASCII letters: "de", "D1" or 0x0000 would never match a country that
    ///      other contracts compare against. Whether the pair is an assigned ISO code is checked off chain.
    function _isCountryCode(bytes2 country) private pure returns (bool) {
        bytes1 first = country[0];
        bytes1 second = country[1];
        return first >= "A" && first <= "Z" && second >= "A" && second <= "Z";
    }

    /// @dev The constructor's admin, refused with this contract's own error when zero (before
    ///      AccessControlDefaultAdminRules would refuse it with a generic one).
    function _checkedAdmin(address admin) private pure returns (address) {
        if (admin == address(0)) revert IdentityRegistry__ZeroAdmin();
        return admin;
    }
}
