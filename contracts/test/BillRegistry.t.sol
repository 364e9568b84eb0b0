// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Property tests of the bill registry through its public API only, run by forge
// (`node_modules/.bin/forge test --offline`): splits conserve face value, and every bill has
// exactly one holder while it is live and none once it is burned.

import {IdentityRegistry} from "../src/identity/IdentityRegistry.sol";
import {BillRegistry} from "../src/bills/BillRegistry.sol";
import {IBillRegistry} from "../src/bills/interfaces/IBillRegistry.sol";
import {PropertyBase} from "./utils/PropertyBase.sol";

/// @notice Drives a bill registry with random issues, acceptances, splits, transfers (agent and
///         holder), encumbrances, payments and cancellations over a fixed set of actors.
contract BillRegistryHandler is PropertyBase {
    uint256 internal constant ACTORS = 6;
    uint256 internal constant OBLIGOR_KEY = 0xB0B;

    IdentityRegistry public immutable identities;
    BillRegistry public immutable registry;
    address public immutable obligor;
    address[] internal _actors;

    /// @notice Every bill id the registry ever created (issued or split parts), in creation order.
    bytes32[] public bills;
    /// @notice Face value issued (split parts excluded): what all non-split records must sum to.
    uint256 public issuedFace;
    /// @notice Successful splits, so a run that never splits shows up.
    uint256 public splits;
    /// @notice Successful state-changing calls.
    uint256 public successes;
    /// @notice Splits whose outcome broke a rule (a wrong sum accepted or refused for another
    ///         reason, parts not summing to the parent on chain); the invariants require zero.
    uint256 public splitViolations;
    uint256 internal _nonce;

    constructor() {
        identities = new IdentityRegistry(address(this));
        identities.grantRole(identities.REGISTRAR_ROLE(), address(this));
        registry = new BillRegistry(address(this), identities);
        registry.grantRole(registry.AGENT_ROLE(), address(this));
        obligor = vm.addr(OBLIGOR_KEY);
        identities.register(obligor, "DE", uint64(block.timestamp + 3650 days));
        for (uint256 i = 0; i < ACTORS; ++i) {
            address actor = address(uint160(0x2000 + i));
            _actors.push(actor);
            if (i < ACTORS - 1) identities.register(actor, "DE", uint64(block.timestamp + 3650 days));
        }
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function billCount() external view returns (uint256) {
        return bills.length;
    }

    function issue(uint256 holderSeed, uint256 amount) external {
        bytes32 billId = keccak256(abi.encode("bill", ++_nonce));
        uint128 face = uint128(_bound(amount, 1, 1e18));
        try registry.issue(billId, _actor(holderSeed), obligor, face, "EUR", uint64(block.timestamp + 90 days), billId) {
            bills.push(billId);
            issuedFace += face;
            ++successes;
        } catch {}
    }

    function accept(uint256 billSeed) external {
        bytes32 billId = _bill(billSeed);
        if (billId == bytes32(0)) return;
        (IBillRegistry.Bill memory bill,) = registry.billOf(billId);
        if (bill.status != IBillRegistry.BillStatus.ISSUED) return;
        uint256 deadline = block.timestamp + 1 days;
        bytes memory sig = _signature(OBLIGOR_KEY, registry.acceptanceDigest(billId, deadline));
        registry.accept(billId, deadline, sig);
        ++successes;
    }

    /// @dev Splits into 2..5 parts (the registry refuses fewer than two); the last part takes the rest, so the amounts sum to the bill's
    ///      unless `skew` asks for a wrong sum (which must be refused).
    function split(uint256 billSeed, uint256 partsSeed, bool asHolder, uint8 skew) external {
        bytes32 billId = _bill(billSeed);
        if (billId == bytes32(0)) return;
        (IBillRegistry.Bill memory bill, address holder) = registry.billOf(billId);
        uint256 n = _bound(partsSeed, 2, 5);
        if (bill.amount < n) return;
        uint128[] memory amounts = new uint128[](n);
        bytes32[] memory childIds = new bytes32[](n);
        uint128 left = bill.amount;
        for (uint256 i = 0; i < n; ++i) {
            amounts[i] = i == n - 1 ? left : uint128(_bound(uint256(keccak256(abi.encode(partsSeed, i))), 1, left - (n - 1 - i)));
            left -= amounts[i];
            childIds[i] = keccak256(abi.encode("part", ++_nonce));
        }
        bool wrongSum = skew % 8 == 0;
        if (wrongSum) ++amounts[n - 1];
        if (asHolder && holder != address(0)) vm.prank(holder);
        try registry.split(billId, amounts, childIds) {
            if (wrongSum) ++splitViolations;
            uint256 parts = 0;
            for (uint256 i = 0; i < n; ++i) {
                bills.push(childIds[i]);
                (IBillRegistry.Bill memory part,) = registry.billOf(childIds[i]);
                if (part.parent != billId) ++splitViolations;
                parts += part.amount;
            }
            if (parts != bill.amount) ++splitViolations;
            ++splits;
            ++successes;
        } catch (bytes memory data) {
            if (
                wrongSum && bill.encumbrance == IBillRegistry.Encumbrance.NONE && _isLive(bill.status)
                    && _selector(data) != IBillRegistry.BillRegistry__SplitSumMismatch.selector
            ) ++splitViolations;
        }
    }

    function agentTransfer(uint256 billSeed, uint256 toSeed) external {
        bytes32 billId = _bill(billSeed);
        if (billId == bytes32(0)) return;
        try registry.agentTransfer(billId, _actor(toSeed)) {
            ++successes;
        } catch {}
    }

    /// @dev The holder moves its own token with ERC-721 `transferFrom`.
    function holderTransfer(uint256 billSeed, uint256 toSeed) external {
        bytes32 billId = _bill(billSeed);
        if (billId == bytes32(0)) return;
        (, address holder) = registry.billOf(billId);
        if (holder == address(0)) return;
        vm.prank(holder);
        try registry.transferFrom(holder, _actor(toSeed), uint256(billId)) {
            ++successes;
        } catch {}
    }

    function setEncumbrance(uint256 billSeed, uint8 encumbrance) external {
        bytes32 billId = _bill(billSeed);
        if (billId == bytes32(0)) return;
        try registry.setEncumbrance(billId, IBillRegistry.Encumbrance(encumbrance % 3)) {
            ++successes;
        } catch {}
    }

    function markPaid(uint256 billSeed) external {
        bytes32 billId = _bill(billSeed);
        if (billId == bytes32(0) || _mix(billSeed) % 4 != 0) return;
        try registry.markPaid(billId) {
            ++successes;
        } catch {}
    }

    function cancel(uint256 billSeed) external {
        bytes32 billId = _bill(billSeed);
        if (billId == bytes32(0) || _mix(billSeed) % 4 != 0) return;
        try registry.cancel(billId) {
            ++successes;
        } catch {}
    }

    function _isLive(IBillRegistry.BillStatus s) internal pure returns (bool) {
        return s == IBillRegistry.BillStatus.ISSUED || s == IBillRegistry.BillStatus.ACCEPTED;
    }

    function _bill(uint256 seed) internal view returns (bytes32) {
        if (bills.length == 0) return bytes32(0);
        // favour recent bills: they are the live parts
        uint256 n = bills.length;
        uint256 window = n < 8 ? n : 8;
        return _mix(seed) % 2 == 0 ? bills[n - 1 - (_mix(seed) >> 8) % window] : bills[(_mix(seed) >> 8) % n];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[(_mix(seed) >> 16) % ACTORS];
    }
}

/// @notice Invariants over random sequences of the handler's actions.
contract BillRegistryInvariantTest {
    BillRegistryHandler internal handler;

    function setUp() public {
        handler = new BillRegistryHandler();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice Splits conserve face value: the records that were not split (live, paid, cancelled)
    ///         sum to what was issued, and every split part's amounts sum to its parent's.
    function invariant_splitsConserveFaceValue() public view {
        BillRegistry registry = handler.registry();
        uint256 n = handler.billCount();
        uint256 unsplit = 0;
        for (uint256 i = 0; i < n; ++i) {
            (IBillRegistry.Bill memory bill,) = registry.billOf(handler.bills(i));
            if (bill.status != IBillRegistry.BillStatus.SPLIT) unsplit += bill.amount;
        }
        require(unsplit == handler.issuedFace(), "face value of unsplit records != face value issued");
        // per parent (checked by the handler right after each split, from the records on chain)
        require(handler.splitViolations() == 0, "a split broke conservation or its refusal rule");
    }

    /// @notice A live bill (ISSUED, ACCEPTED) has exactly one holder, the ERC-721 owner; a burned
    ///         one (split, paid, cancelled) has none; balances count each live bill once.
    function invariant_oneHolderPerBill() public view {
        BillRegistry registry = handler.registry();
        uint256 n = handler.billCount();
        uint256 live = 0;
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.bills(i);
            (IBillRegistry.Bill memory bill, address holder) = registry.billOf(id);
            bool isLive = bill.status == IBillRegistry.BillStatus.ISSUED || bill.status == IBillRegistry.BillStatus.ACCEPTED;
            if (isLive) {
                ++live;
                require(holder != address(0), "a live bill without a holder");
                require(registry.ownerOf(uint256(id)) == holder, "billOf and ownerOf disagree");
            } else {
                require(holder == address(0), "a burned bill still has a holder");
            }
        }
        address[] memory actors = handler.actors();
        uint256 held = 0;
        for (uint256 i = 0; i < actors.length; ++i) {
            held += registry.balanceOf(actors[i]);
        }
        require(held == live, "balances do not count each live bill once");
    }
}

/// @notice The handler is not vacuous: a fixed pseudo-random sequence splits, transfers and burns bills.
contract BillRegistryHandlerTest {
    function test_handlerSplitsAndMovesBills() public {
        BillRegistryHandler handler = new BillRegistryHandler();
        for (uint256 i = 0; i < 300; ++i) {
            uint256 r = uint256(keccak256(abi.encode("r", i)));
            uint256 action = r % 8;
            if (action == 0 || i < 5) handler.issue(r >> 8, r >> 16);
            else if (action == 1) handler.accept(r >> 8);
            else if (action == 2 || action == 3) handler.split(r >> 8, r >> 16, (r >> 24) % 2 == 0, uint8(r >> 32));
            else if (action == 4) handler.agentTransfer(r >> 8, r >> 16);
            else if (action == 5) handler.holderTransfer(r >> 8, r >> 16);
            else if (action == 6) handler.setEncumbrance(r >> 8, uint8(r >> 16));
            else handler.markPaid(r >> 8);
        }
        require(handler.splits() > 10, "the sequence did not split bills");
        require(handler.splitViolations() == 0, "a split broke conservation or its refusal rule");
        require(handler.successes() > 100, "the sequence did little");
    }
}

/// @notice Fuzzed splits: any partition of a bill's amount is accepted and conserved; a wrong sum is refused.
contract BillRegistryFuzzTest is PropertyBase {
    IdentityRegistry internal identities;
    BillRegistry internal registry;
    address internal constant SUPPLIER = address(0x5a1e);

    function setUp() public {
        identities = new IdentityRegistry(address(this));
        identities.grantRole(identities.REGISTRAR_ROLE(), address(this));
        registry = new BillRegistry(address(this), identities);
        registry.grantRole(registry.AGENT_ROLE(), address(this));
        identities.register(SUPPLIER, "DE", uint64(block.timestamp + 3650 days));
    }

    function testFuzz_splitConservesTheAmount(uint128 amount, uint256 partsSeed, uint8 offBy, bool down) public {
        amount = uint128(_bound(amount, 1, type(uint128).max - 200));
        uint256 n = _bound(partsSeed, 2, 10);
        if (amount < n) amount = uint128(n);
        bytes32 billId = keccak256("fuzz-bill");
        registry.issue(billId, SUPPLIER, address(0xB0B), amount, "EUR", uint64(block.timestamp + 30 days), billId);
        uint128[] memory amounts = new uint128[](n);
        bytes32[] memory childIds = new bytes32[](n);
        uint128 left = amount;
        for (uint256 i = 0; i < n; ++i) {
            amounts[i] = i == n - 1 ? left : uint128(_bound(uint256(keccak256(abi.encode(partsSeed, i))), 1, left - (n - 1 - i)));
            left -= amounts[i];
            childIds[i] = keccak256(abi.encode("fuzz-part", i));
        }
        // offBy != 0 moves the last part off the exact sum (never to zero); one run in two stays exact
        if (offBy % 2 == 1) {
            if (!down) amounts[n - 1] += offBy;
            else if (amounts[n - 1] > offBy) amounts[n - 1] -= offBy;
        }
        uint256 sum = 0;
        for (uint256 i = 0; i < n; ++i) sum += amounts[i];

        try registry.split(billId, amounts, childIds) {
            require(sum == amount, "a split that does not sum to the bill went through");
            (IBillRegistry.Bill memory parent, address parentHolder) = registry.billOf(billId);
            require(parent.status == IBillRegistry.BillStatus.SPLIT && parentHolder == address(0), "the parent is not burned");
            uint256 parts = 0;
            for (uint256 i = 0; i < n; ++i) {
                (IBillRegistry.Bill memory part, address holder) = registry.billOf(childIds[i]);
                require(part.parent == billId && holder == SUPPLIER, "a part has the wrong parent or holder");
                parts += part.amount;
            }
            require(parts == amount, "the parts do not sum to the parent");
        } catch (bytes memory data) {
            require(sum != amount, "a correct split was refused");
            require(_selector(data) == IBillRegistry.BillRegistry__SplitSumMismatch.selector, "refused for another reason");
            (IBillRegistry.Bill memory parent,) = registry.billOf(billId);
            require(parent.status == IBillRegistry.BillStatus.ISSUED, "a refused split changed the bill");
        }
    }
}
