// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IIdentityRegistry
/// @notice The on-chain list of verified wallets of KYC-approved organizations. Other contracts
///         (the bill registry, permissioned tranche tokens) ask {isVerified} before every transfer.
/// @dev Nothing personal is stored: per wallet only its country (ISO 3166-1 alpha-2, two
///      uppercase ASCII letters, e.g. "DE" = 0x4445) and the expiry of its verification (unix
///      seconds). The KYC records themselves stay off chain. A wallet stops being verified when
///      its expiry passes, without any transaction; registrars renew it by registering it again.
interface IIdentityRegistry {
    // ---------------------------------------------------------------- events

    /// @notice Emitted when `wallet`, not registered before, has been registered.
    /// @param wallet The verified wallet.
    /// @param country ISO 3166-1 alpha-2 country code, e.g. "DE" = 0x4445.
    /// @param expiresAt Unix time (seconds) from which the wallet is no longer verified.
    event IdentityRegistered(address indexed wallet, bytes2 country, uint64 expiresAt);

    /// @notice Emitted when the country or expiry of an already registered `wallet` has been set
    ///         again (also when the values did not change).
    /// @param wallet The registered wallet.
    /// @param country The new ISO 3166-1 alpha-2 country code.
    /// @param expiresAt The new expiry, unix seconds.
    event IdentityUpdated(address indexed wallet, bytes2 country, uint64 expiresAt);

    /// @notice Emitted when `wallet` has been removed from the registry.
    event IdentityRemoved(address indexed wallet);

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error IdentityRegistry__ZeroAdmin();

    /// @notice The wallet to register is the zero address.
    error IdentityRegistry__ZeroAddress();

    /// @notice `country` is not two uppercase ASCII letters (this includes zero, which marks
    ///         "not registered" in storage).
    error IdentityRegistry__InvalidCountry(bytes2 country);

    /// @notice `expiresAt` is not after the current block's timestamp.
    error IdentityRegistry__ExpiryNotInFuture(uint64 expiresAt);

    /// @notice `wallet` is not registered, so it cannot be removed.
    error IdentityRegistry__NotRegistered(address wallet);

    /// @notice The arrays given to {registerBatch} differ in length.
    error IdentityRegistry__LengthMismatch(uint256 wallets, uint256 countries, uint256 expiries);

    // ---------------------------------------------------------------- roles

    /// @notice Role allowed to call {register}, {registerBatch} and {remove}:
    ///         `keccak256("REGISTRAR_ROLE")`, administered by DEFAULT_ADMIN_ROLE (granted with
    ///         `grantRole`, taken back with `revokeRole`).
    function REGISTRAR_ROLE() external view returns (bytes32);

    // ---------------------------------------------------------------- writes

    /// @notice Registers `wallet` as verified for `country` until `expiresAt`, or, when it is
    ///         already registered, replaces its country and expiry.
    /// @dev Only callable by REGISTRAR_ROLE. Reverts with {IdentityRegistry__ZeroAddress},
    ///      {IdentityRegistry__InvalidCountry} or {IdentityRegistry__ExpiryNotInFuture}.
    ///      Emits {IdentityRegistered} for a new wallet, {IdentityUpdated} for a known one.
    /// @param wallet The wallet, not the zero address.
    /// @param country ISO 3166-1 alpha-2 code as two uppercase ASCII letters, e.g. "DE".
    /// @param expiresAt Unix seconds, after the current block's timestamp.
    function register(address wallet, bytes2 country, uint64 expiresAt) external;

    /// @notice Registers (or updates) `wallets[i]` with `countries[i]` and `expiries[i]`, as
    ///         {register} does for each; all or nothing.
    /// @dev Only callable by REGISTRAR_ROLE. Reverts with {IdentityRegistry__LengthMismatch} when
    ///      the arrays differ in length, and with any error of {register} for the first bad entry
    ///      (then nothing is written). A wallet listed twice ends with its last entry.
    function registerBatch(address[] calldata wallets, bytes2[] calldata countries, uint64[] calldata expiries)
        external;

    /// @notice Removes `wallet` from the registry; it is no longer verified.
    /// @dev Only callable by REGISTRAR_ROLE. Reverts with {IdentityRegistry__NotRegistered}.
    ///      Emits {IdentityRemoved}.
    function remove(address wallet) external;

    // ---------------------------------------------------------------- views

    /// @notice Whether `wallet` is registered and its verification has not expired
    ///         (`block.timestamp < expiresAt`).
    /// @dev One storage read; meant to be called before every transfer of a permissioned asset.
    function isVerified(address wallet) external view returns (bool);

    /// @notice Whether `wallet` is registered, expired or not.
    function isRegistered(address wallet) external view returns (bool);

    /// @notice The registration of `wallet`; both zero when it is not registered.
    /// @return country ISO 3166-1 alpha-2 country code.
    /// @return expiresAt Unix seconds from which the wallet is no longer verified.
    function identityOf(address wallet) external view returns (bytes2 country, uint64 expiresAt);
}
