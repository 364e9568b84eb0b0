// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Property tests of the tranche token, run by forge (`node_modules/.bin/forge test --offline`).
// forge-std is not used (npm only has 1.1.2): plain `require`, and the few cheatcodes needed
// through a minimal Vm interface.

import {IdentityRegistry} from "../src/identity/IdentityRegistry.sol";
import {TrancheToken} from "../src/securitization/TrancheToken.sol";
import {ITrancheToken} from "../src/securitization/interfaces/ITrancheToken.sol";

// forge-std's name for the cheatcode interface
// solhint-disable-next-line interface-starts-with-i
interface Vm {
    function prank(address sender) external;
    function warp(uint256 timestamp) external;
}

abstract contract WithVm {
    // forge-std's name, so tests read as usual
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev `x` mapped onto [lo, hi].
    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + (x % (hi - lo + 1));
    }

    /// @dev The reason code of a `TrancheToken__TransferRefused` revert, or type(uint256).max for any other revert.
    function _refusalReason(bytes memory data) internal pure returns (uint256 reason) {
        if (data.length != 4 + 4 * 32 || bytes4(data) != ITrancheToken.TrancheToken__TransferRefused.selector) {
            return type(uint256).max;
        }
        // reads one word of revert data
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            reason := mload(add(data, add(32, 100))) // selector, from, to, amount, then the reason
        }
    }
}

/// @notice Drives a tranche token with random agent and holder actions over a fixed set of actors,
///         and keeps ghost records the invariants check.
contract TrancheTokenHandler is WithVm {
    uint256 internal constant ACTORS = 8;

    IdentityRegistry public immutable registry;
    TrancheToken public immutable token;
    address[] internal _actors;

    /// @notice Credits (mint, transfer, forced transfer, recovery) that went to a wallet not verified at that moment.
    uint256 public creditsToUnverified;
    /// @notice Transfers whose outcome (or reason) differed from what canTransfer said just before.
    uint256 public canTransferMismatches;
    /// @notice Actors whose verification was removed while they held notes (they may keep them).
    mapping(address actor => bool) public deverifiedWhileHolding;
    /// @notice Successful state-changing calls, so a run that does nothing shows up.
    uint256 public successes;
    /// @notice Holder transfers (transfer, transferFrom) that moved notes.
    uint256 public transfersMoved;

    constructor() {
        registry = new IdentityRegistry(address(this));
        registry.grantRole(registry.REGISTRAR_ROLE(), address(this));
        token = new TrancheToken("Notes", "N", keccak256("tranche"), address(this), registry);
        token.grantRole(token.AGENT_ROLE(), address(this));
        for (uint256 i = 0; i < ACTORS; ++i) {
            address actor = address(uint160(0x1000 + i));
            _actors.push(actor);
            if (i < 6) registry.register(actor, "DE", uint64(block.timestamp + 3650 days));
            if (i < 5 || i == 6) token.setEligible(actor, true);
            if (i < 5) token.mint(actor, 1e12); // every run starts with holders, so transfers happen from the first call
        }
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function mint(uint256 toSeed, uint256 amount) external {
        address to = _actor(toSeed);
        amount = _bound(amount, 1, 1e15);
        try token.mint(to, amount) {
            _credited(to);
        } catch {}
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = _amount(from, amount);
        (bool allowed, uint8 reason) = token.canTransfer(from, to, amount);
        vm.prank(from);
        try token.transfer(to, amount) {
            if (!allowed) ++canTransferMismatches;
            if (amount != 0) ++transfersMoved;
            _credited(to);
        } catch (bytes memory data) {
            if (allowed || _refusalReason(data) != reason) ++canTransferMismatches;
        }
    }

    function transferFrom(uint256 fromSeed, uint256 toSeed, uint256 spenderSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        address spender = _actor(spenderSeed);
        amount = _amount(from, amount);
        vm.prank(from);
        token.approve(spender, amount);
        (bool allowed,) = token.canTransfer(from, to, amount);
        vm.prank(spender);
        try token.transferFrom(from, to, amount) {
            if (!allowed) ++canTransferMismatches;
            if (amount != 0) ++transfersMoved;
            _credited(to);
        } catch {
            if (allowed) ++canTransferMismatches;
        }
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = _bound(amount, 1, token.balanceOf(from) + 10);
        try token.forcedTransfer(from, to, amount) {
            _credited(to);
        } catch {}
    }

    function recover(uint256 lostSeed, uint256 newSeed) external {
        address lost = _actor(lostSeed);
        address replacement = _actor(newSeed);
        bool wasFrozen = token.isFrozen(lost);
        try token.recoveryAddress(lost, replacement) {
            _credited(replacement);
            // a recovery is no way out of a freeze
            if (wasFrozen && !token.isFrozen(replacement)) ++canTransferMismatches;
        } catch {}
    }

    function burn(uint256 fromSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = _bound(amount, 1, token.balanceOf(from) + 10);
        try token.burn(from, amount) {
            ++successes;
        } catch {}
    }

    // The restricting actions fire in one call of four (pause one of eight) and their inverses
    // otherwise, so that runs keep moving notes while still visiting every refusal.

    function setFrozen(uint256 seed) external {
        token.setAddressFrozen(_actor(seed), _mix(seed) % 4 == 0);
        ++successes;
    }

    function setEligible(uint256 seed) external {
        token.setEligible(_actor(seed), _mix(seed) % 4 != 0);
        ++successes;
    }

    function togglePause(uint256 seed) external {
        if (token.paused()) token.unpause();
        else if (_mix(seed) % 8 == 0) token.pause();
        ++successes;
    }

    function verify(uint256 seed) external {
        address actor = _actor(seed);
        registry.register(actor, "DE", uint64(block.timestamp + 3650 days));
        deverifiedWhileHolding[actor] = false;
        ++successes;
    }

    function deverify(uint256 seed) external {
        address actor = _actor(seed);
        if (_mix(seed) % 4 != 0 || !registry.isRegistered(actor)) return;
        registry.remove(actor);
        if (token.balanceOf(actor) != 0) deverifiedWhileHolding[actor] = true;
        ++successes;
    }

    /// @dev Mostly within the balance (1..balance), sometimes 0 or above it.
    function _amount(address from, uint256 seed) internal view returns (uint256) {
        uint256 balance = token.balanceOf(from);
        if (balance == 0 || _mix(seed) % 8 == 0) return _bound(seed, 0, balance + 10);
        return _bound(seed, 1, balance);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[(_mix(seed) >> 8) % ACTORS];
    }

    /// @dev The fuzzer favours edge values (0, max, values seen in storage): hashed, every seed
    ///      picks actors and decisions evenly.
    function _mix(uint256 seed) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed)));
    }

    function _credited(address to) internal {
        if (!registry.isVerified(to)) ++creditsToUnverified;
        ++successes;
    }
}

/// @notice Invariants over random sequences of the handler's actions.
contract TrancheTokenInvariantTest {
    TrancheTokenHandler internal handler;

    function setUp() public {
        handler = new TrancheTokenHandler();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_totalSupplyIsSumOfBalances() public view {
        TrancheToken token = handler.token();
        address[] memory actors = handler.actors();
        uint256 sum = 0;
        for (uint256 i = 0; i < actors.length; ++i) {
            sum += token.balanceOf(actors[i]);
        }
        require(sum == token.totalSupply(), "total supply != sum of balances");
    }

    function invariant_onlyVerifiedHoldersHoldNotes() public view {
        require(handler.creditsToUnverified() == 0, "notes credited to an unverified wallet");
        TrancheToken token = handler.token();
        IdentityRegistry registry = handler.registry();
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            address actor = actors[i];
            if (token.balanceOf(actor) == 0) continue;
            require(
                registry.isVerified(actor) || handler.deverifiedWhileHolding(actor),
                "a holder that was never verified holds notes"
            );
        }
    }

    function invariant_canTransferAgreesWithTransfers() public view {
        require(handler.canTransferMismatches() == 0, "canTransfer disagreed with a transfer");
    }
}

/// @notice The handler is not vacuous: a fixed pseudo-random sequence of its actions moves notes
///         between holders, refuses some transfers, and keeps canTransfer in agreement.
contract TrancheTokenHandlerTest {
    function test_handlerMovesAndRefusesNotes() public {
        TrancheTokenHandler handler = new TrancheTokenHandler();
        uint256 supplyBefore = handler.token().totalSupply();
        for (uint256 i = 0; i < 400; ++i) {
            uint256 r = uint256(keccak256(abi.encode(i)));
            uint256 action = r % 6;
            if (action == 0) handler.transfer(r >> 8, r >> 16, r >> 24);
            else if (action == 1) handler.transferFrom(r >> 8, r >> 16, r >> 24, r >> 32);
            else if (action == 2) handler.mint(r >> 8, r >> 16);
            else if (action == 3) handler.setFrozen(r >> 8);
            else if (action == 4) handler.togglePause(r >> 8);
            else handler.deverify(r >> 8);
        }
        require(handler.transfersMoved() > 10, "transfers did not move notes");
        require(handler.canTransferMismatches() == 0, "canTransfer disagreed with a transfer");
        require(handler.creditsToUnverified() == 0, "notes credited to an unverified wallet");
        require(handler.token().totalSupply() > supplyBefore, "no mint went through");
    }
}

/// @notice Fuzz tests of single rules.
contract TrancheTokenFuzzTest is WithVm {
    IdentityRegistry internal registry;
    TrancheToken internal token;
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    function setUp() public {
        registry = new IdentityRegistry(address(this));
        registry.grantRole(registry.REGISTRAR_ROLE(), address(this));
        token = new TrancheToken("Notes", "N", keccak256("tranche"), address(this), registry);
        token.grantRole(token.AGENT_ROLE(), address(this));
        registry.register(ALICE, "DE", uint64(block.timestamp + 3650 days));
        registry.register(BOB, "DE", uint64(block.timestamp + 3650 days));
        token.setEligible(ALICE, true);
        token.setEligible(BOB, true);
    }

    function testFuzz_transferMovesExactlyTheAmountOrRefusesOnBalance(uint128 minted, uint128 amount) public {
        minted = uint128(_bound(minted, 1, type(uint128).max));
        token.mint(ALICE, minted);
        vm.prank(ALICE);
        try token.transfer(BOB, amount) {
            require(amount <= minted, "moved more than the balance");
            require(token.balanceOf(ALICE) == minted - amount && token.balanceOf(BOB) == amount, "wrong balances");
        } catch (bytes memory data) {
            require(amount > minted, "refused a covered transfer");
            require(_refusalReason(data) == uint8(ITrancheToken.ReasonCode.INSUFFICIENT_BALANCE), "wrong reason");
        }
        require(token.totalSupply() == minted, "supply changed");
    }

    function testFuzz_unverifiedReceiverIsAlwaysRefused(address to, uint256 amount, bool eligible) public {
        if (to == address(0) || to == ALICE || to == BOB) return;
        token.mint(ALICE, 1e18);
        token.setEligible(to, eligible);
        amount = _bound(amount, 0, 1e18);
        (bool allowed, uint8 reason) = token.canTransfer(ALICE, to, amount);
        require(!allowed && reason == uint8(ITrancheToken.ReasonCode.RECEIVER_NOT_VERIFIED), "canTransfer allowed it");
        vm.prank(ALICE);
        try token.transfer(to, amount) {
            revert("transferred to an unverified wallet");
        } catch (bytes memory data) {
            require(_refusalReason(data) == reason, "wrong reason");
        }
        try token.forcedTransfer(ALICE, to, amount == 0 ? 1 : amount) {
            revert("forced a transfer to an unverified wallet");
        } catch {}
        require(token.balanceOf(to) == 0, "the unverified wallet holds notes");
    }

    function testFuzz_recoveryMovesTheBalanceAndKeepsTheFreeze(uint128 amount, bool frozen) public {
        amount = uint128(_bound(amount, 1, type(uint128).max));
        address replacement = address(0xBEEF);
        registry.register(replacement, "DE", uint64(block.timestamp + 3650 days));
        token.mint(ALICE, amount);
        token.setAddressFrozen(ALICE, frozen);
        token.recoveryAddress(ALICE, replacement);
        require(token.balanceOf(ALICE) == 0 && token.balanceOf(replacement) == amount, "balance not moved");
        require(token.isFrozen(replacement) == frozen && token.isFrozen(ALICE) == frozen, "freeze not kept");
        require(token.isEligible(replacement) && !token.isEligible(ALICE), "eligibility not moved");
    }

    function testFuzz_expiredVerificationStopsTransfers(uint64 lifetime, uint64 later) public {
        lifetime = uint64(_bound(lifetime, 1, 3650 days));
        address carol = address(0xCA401);
        registry.register(carol, "DE", uint64(block.timestamp) + lifetime);
        token.setEligible(carol, true);
        token.mint(ALICE, 100);
        vm.warp(block.timestamp + _bound(later, 0, 2 * 3650 days));
        (bool allowed, uint8 reason) = token.canTransfer(ALICE, carol, 1);
        bool stillVerified = registry.isVerified(carol);
        require(allowed == stillVerified, "expiry not applied");
        if (!stillVerified) {
            // ALICE and BOB were registered for 3650 days too: whichever expired first is reported
            require(
                reason == uint8(ITrancheToken.ReasonCode.RECEIVER_NOT_VERIFIED)
                    || reason == uint8(ITrancheToken.ReasonCode.SENDER_NOT_VERIFIED),
                "wrong reason"
            );
        }
    }
}
