// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IBillRegistryBatch
/// @notice Bulk issue on the BillRegistry: many bills in one transaction, each exactly as
///         {IBillRegistry-issue} would issue it, or none. A separate interface (ERC-165 id of its
///         own) so that {IBillRegistry}'s id stays what integrators already check.
interface IBillRegistryBatch {
    /// @notice One bill of an {issueBatch}: the arguments of {IBillRegistry-issue}.
    struct BatchIssue {
        bytes32 billId;
        address holder;
        address obligor;
        uint128 amount;
        bytes3 currency;
        uint64 dueDate;
        bytes32 fingerprint;
    }

    /// @notice {issueBatch} got `count` bills, outside 1..{MAX_BATCH_ISSUE}.
    error BillRegistry__BatchSize(uint256 count);

    /// @notice The largest number of bills one {issueBatch} issues (500).
    function MAX_BATCH_ISSUE() external view returns (uint256);

    /// @notice Issues every bill of `batch` as {IBillRegistry-issue} would, in one transaction, or none.
    /// @dev Only callable by AGENT_ROLE. Any bill `issue` would refuse reverts the whole batch with
    ///      `issue`'s error; a fingerprint twice in the batch, or registered before, reverts it with
    ///      `BillRegistry__DuplicateFingerprint(fingerprint, billId)` naming the bill that holds it
    ///      (the earlier one of the batch, or the existing bill); {BillRegistry__BatchSize} outside
    ///      1..{MAX_BATCH_ISSUE}. A holder's verification is asked once per run of consecutive bills
    ///      to it. Emits, per bill, ERC-721 `Transfer` and `BillIssued`, exactly as `issue` (the
    ///      indexer projects them the same way); contract holders are called (`onERC721Received`)
    ///      after all state changes.
    function issueBatch(BatchIssue[] calldata batch) external;
}
