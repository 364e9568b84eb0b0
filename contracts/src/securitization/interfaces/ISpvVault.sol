// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

import {IBillRegistry} from "../../bills/interfaces/IBillRegistry.sol";

/// @title ISpvVault
/// @notice The wallet of one deal's special purpose vehicle: it holds the pool's bills (bought
///         from the originator by a true sale, in batches) and the deal's settlement tokens (the
///         investors' subscription money, until it is paid out as the purchase price, and the
///         reserve).
/// @dev The vault must be verified in the identity registry (bills and settlement tokens only go
///      to verified wallets) and hold AGENT_ROLE on the bill registry (it moves the bills into
///      itself with `agentTransfer` and marks them POOLED). It accepts an ERC-721 only from the
///      bill registry and only when it asked for it itself (a true sale in progress); a bill sent
///      to it any other way is refused. Each batch id and each payment id is used at most once.
interface ISpvVault is IERC721Receiver {
    // ---------------------------------------------------------------- events

    /// @notice Emitted when batch `batchId` of the true sale has settled: `count` bills of total
    ///         face `faceTotal` moved from `originator` into the vault and were marked POOLED.
    event TrueSaleBatchSettled(bytes32 indexed batchId, address indexed originator, uint256 count, uint256 faceTotal);

    /// @notice Emitted when payment `paymentId` has moved `amount` of `token` from the vault to `to`.
    event PaidOut(bytes32 indexed paymentId, address indexed token, address indexed to, uint256 amount);

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error SpvVault__ZeroAdmin();

    /// @notice The bill registry given to the constructor is the zero address.
    error SpvVault__ZeroBillRegistry();

    /// @notice A batch or payment id is zero.
    error SpvVault__ZeroId();

    /// @notice A true-sale batch lists no bill.
    error SpvVault__EmptyBatch();

    /// @notice The bill ids of a batch are not strictly ascending (so none is listed twice) at `index`.
    error SpvVault__BatchNotAscending(uint256 index);

    /// @notice Batch `batchId` has already settled.
    error SpvVault__BatchAlreadySettled(bytes32 batchId);

    /// @notice Payment `paymentId` has already been made.
    error SpvVault__PaymentAlreadyMade(bytes32 paymentId);

    /// @notice Bill `billId` is held by `holder`, not by the selling originator.
    error SpvVault__NotHeldByOriginator(bytes32 billId, address holder);

    /// @notice Bill `billId` is in `status`, not ACCEPTED.
    error SpvVault__BillNotAccepted(bytes32 billId, IBillRegistry.BillStatus status);

    /// @notice Bill `billId` is encumbered otherwise than POOLED (financed or pledged).
    error SpvVault__BillEncumbered(bytes32 billId, IBillRegistry.Encumbrance encumbrance);

    /// @notice An ERC-721 arrived that the vault did not ask for (`token` and `tokenId`).
    error SpvVault__UnexpectedToken(address token, uint256 tokenId);

    /// @notice A zero recipient or zero amount was given to {payOut}.
    error SpvVault__InvalidPayment();

    // ---------------------------------------------------------------- roles and configuration

    /// @notice `keccak256("AGENT_ROLE")`: true sale batches and payments out.
    function AGENT_ROLE() external view returns (bytes32);

    /// @notice The bill registry whose bills the vault holds.
    function billRegistry() external view returns (IBillRegistry);

    // ---------------------------------------------------------------- writes

    /// @notice Buys `billIds` (strictly ascending) from `originator`: each must be held by `originator`, ACCEPTED, and
    ///         not encumbered or encumbered POOLED (pooled off chain before the sale). Each moves
    ///         into the vault and ends POOLED, so nobody but the registry agent can move it. All
    ///         or nothing. The purchase price is paid separately ({payOut}).
    /// @dev AGENT_ROLE; nonReentrant. Emits {TrueSaleBatchSettled}.
    function trueSaleBatch(bytes32 batchId, address originator, bytes32[] calldata billIds) external;

    /// @notice Pays `amount` of `token` held by the vault to `to` (purchase price to the
    ///         originator, later the waterfall's payments), once per `paymentId`.
    /// @dev AGENT_ROLE; nonReentrant. Emits {PaidOut}.
    function payOut(bytes32 paymentId, IERC20 token, address to, uint256 amount) external;

    // ---------------------------------------------------------------- views

    /// @notice Whether true-sale batch `batchId` has settled.
    function isBatchSettled(bytes32 batchId) external view returns (bool);

    /// @notice Whether payment `paymentId` has been made.
    function isPaymentMade(bytes32 paymentId) external view returns (bool);
}
