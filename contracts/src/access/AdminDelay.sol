// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @dev How long a new admin waits before accepting DEFAULT_ADMIN_ROLE (OpenZeppelin's
///      AccessControlDefaultAdminRules, two-step handover): two days in which the current admin,
///      or anyone watching the `DefaultAdminTransferScheduled` event, can cancel a handover that
///      a stolen admin key started.
uint48 constant ADMIN_DELAY = 2 days;
