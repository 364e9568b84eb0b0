// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Property tests of the cash leg, run by forge: settlement token supply = mints − burns whatever
// moves in between, BillDvP settles both legs or neither, and only on the payer's consent to that
// very trade (bill, amount, payee, deadline, nonce), once.

import {IdentityRegistry} from "../src/identity/IdentityRegistry.sol";
import {BillRegistry} from "../src/bills/BillRegistry.sol";
import {IBillRegistry} from "../src/bills/interfaces/IBillRegistry.sol";
import {SettlementToken} from "../src/settlement/SettlementToken.sol";
import {BillDvP} from "../src/settlement/BillDvP.sol";
import {IBillDvP} from "../src/settlement/interfaces/IBillDvP.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {PropertyBase} from "./utils/PropertyBase.sol";

/// @notice A financier wallet that is a contract: it can refuse the bill (`onERC721Received`),
///         so the bill leg fails after the cash leg has been pulled. It consents to a trade the
///         ERC-1271 way: a digest it approved is a valid signature.
contract FinancierWallet is IERC721Receiver, IERC1271 {
    bool public refuseBills;
    mapping(bytes32 digest => bool) public approved;

    function setRefuseBills(bool refuse) external {
        refuseBills = refuse;
    }

    function approveDigest(bytes32 digest) external {
        approved[digest] = true;
    }

    function isValidSignature(bytes32 digest, bytes calldata) external view returns (bytes4) {
        return approved[digest] ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external view returns (bytes4) {
        require(!refuseBills, "refuses bills");
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @notice Builds the whole settlement stack with this contract as admin and every agent.
abstract contract SettlementStack is PropertyBase {
    uint256 internal constant OBLIGOR_KEY = 0xB0B;

    IdentityRegistry public identities;
    BillRegistry public bills;
    SettlementToken public token;
    BillDvP public dvp;
    address public obligor;

    function _deployStack() internal {
        identities = new IdentityRegistry(address(this));
        identities.grantRole(identities.REGISTRAR_ROLE(), address(this));
        bills = new BillRegistry(address(this), identities);
        bills.grantRole(bills.AGENT_ROLE(), address(this));
        token = new SettlementToken("Euro", "EUR.T", "EUR", address(this), identities);
        token.grantRole(token.SETTLEMENT_AGENT_ROLE(), address(this));
        dvp = new BillDvP(address(this), bills);
        dvp.grantRole(dvp.AGENT_ROLE(), address(this));
        dvp.setSettlementToken("EUR", address(token));
        bills.grantRole(bills.AGENT_ROLE(), address(dvp));
        token.grantRole(token.DVP_ROLE(), address(dvp));
        obligor = vm.addr(OBLIGOR_KEY);
        identities.register(obligor, "DE", uint64(block.timestamp + 3650 days));
    }

    /// @dev Issues and accepts a bill of `amount` held by `holder`.
    function _acceptedBill(bytes32 billId, address holder, uint128 amount) internal {
        bills.issue(billId, holder, obligor, amount, "EUR", uint64(block.timestamp + 90 days), billId);
        uint256 deadline = block.timestamp + 1 days;
        bills.accept(billId, deadline, _signature(OBLIGOR_KEY, bills.acceptanceDigest(billId, deadline)));
    }

    /// @dev `payerKey`'s EIP-712 consent to pay `price` for `billId` to `payee`.
    function _financingConsent(uint256 payerKey, bytes32 billId, uint256 price, address payee, uint256 deadline, uint256 nonce)
        internal
        view
        returns (IBillDvP.Consent memory)
    {
        bytes32 digest = dvp.financingConsentDigest(billId, price, vm.addr(payerKey), payee, deadline, nonce);
        return IBillDvP.Consent(deadline, nonce, _signature(payerKey, digest));
    }
}

/// @notice Random deposits (mints), withdrawals (burns), transfers and DvP settlements.
contract SettlementHandler is SettlementStack {
    uint256 internal constant ACTORS = 5;
    uint256 internal constant ACTOR_KEY_BASE = 0xA11CE;
    address[] internal _actors;
    FinancierWallet public immutable wallet;

    uint256 public minted;
    uint256 public burned;
    uint256 public settled;
    uint256 public refused;
    /// @notice Settlements after which the two legs disagreed (one moved, the other did not).
    uint256 public atomicityViolations;
    uint256 internal _nonce;

    constructor() {
        _deployStack();
        wallet = new FinancierWallet();
        for (uint256 i = 0; i < ACTORS; ++i) _actors.push(vm.addr(ACTOR_KEY_BASE + i));
        _actors.push(address(wallet));
        for (uint256 i = 0; i < _actors.length; ++i) {
            identities.register(_actors[i], "DE", uint64(block.timestamp + 3650 days));
        }
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function mint(uint256 toSeed, uint256 amount) external {
        amount = _bound(amount, 1, 1e15);
        try token.mint(_actor(toSeed), amount, keccak256(abi.encode("deposit", ++_nonce))) {
            minted += amount;
        } catch {}
    }

    function burn(uint256 fromSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = _bound(amount, 1, token.balanceOf(from) + 10);
        try token.burn(from, amount, keccak256(abi.encode("withdrawal", ++_nonce))) {
            burned += amount;
        } catch {}
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = _bound(amount, 0, token.balanceOf(from) + 10);
        vm.prank(from);
        try token.transfer(_actor(toSeed), amount) {} catch {}
    }

    struct Trade {
        address seller;
        address financier;
        uint256 financierIndex;
        bytes32 billId;
        bytes32 financingId;
        uint256 price;
        uint256 financierBefore;
        uint256 sellerBefore;
        uint256 supplyBefore;
    }

    /// @dev A financing of a fresh bill: the financier's consent is sometimes missing, for another
    ///      amount or expired, its balance sometimes short, the contract financier sometimes
    ///      refuses the bill, the price sometimes out of range.
    function settleFinancing(uint256 sellerSeed, uint256 financierSeed, uint256 amount, uint256 priceSeed, uint8 flags)
        external
    {
        Trade memory t;
        t.seller = _actor(sellerSeed);
        t.financierIndex = (_mix(financierSeed) >> 16) % _actors.length;
        t.financier = _actors[t.financierIndex];
        uint128 face = uint128(_bound(amount, 1, 1e12));
        t.price = flags % 16 == 0 ? uint256(face) + 1 : _bound(priceSeed, 1, face);
        t.billId = keccak256(abi.encode("bill", ++_nonce));
        t.financingId = keccak256(abi.encode("financing", _nonce));
        _acceptedBill(t.billId, t.seller, face);
        t.financierBefore = token.balanceOf(t.financier);
        t.sellerBefore = token.balanceOf(t.seller);
        t.supplyBefore = token.totalSupply();
        IBillDvP.Consent memory consent = _consent(t, flags);
        bool ok;
        try dvp.settleFinancing(t.financingId, t.billId, t.financier, t.price, consent) {
            ok = true;
        } catch {}
        wallet.setRefuseBills(false); // the wallet may be a seller next time
        _checkLegs(t, ok);
    }

    /// @dev The financier's consent to pay: one in five for one unit less than the price, one in
    ///      seven expired, one in eleven missing; the contract wallet approves the digest (ERC-1271).
    function _consent(Trade memory t, uint8 flags) internal returns (IBillDvP.Consent memory consent) {
        uint256 consentedPrice = flags % 5 == 0 ? t.price - 1 : t.price;
        consent.deadline = flags % 7 == 0 ? block.timestamp - 1 : block.timestamp + 1 hours;
        consent.nonce = ++_nonce;
        if (flags % 11 == 0) return consent; // no signature at all
        bytes32 digest =
            dvp.financingConsentDigest(t.billId, consentedPrice, t.financier, t.seller, consent.deadline, consent.nonce);
        if (t.financier == address(wallet)) {
            wallet.setRefuseBills(flags % 3 == 0);
            wallet.approveDigest(digest);
        } else {
            consent.signature = _signature(ACTOR_KEY_BASE + t.financierIndex, digest);
        }
    }

    function _checkLegs(Trade memory t, bool ok) internal {
        (IBillRegistry.Bill memory bill, address holder) = bills.billOf(t.billId);
        uint256 paid = ok && t.financier != t.seller ? t.price : 0;
        bool cashAsExpected =
            token.balanceOf(t.financier) + paid == t.financierBefore && token.balanceOf(t.seller) == t.sellerBefore + paid;
        if (token.totalSupply() != t.supplyBefore || !cashAsExpected) ++atomicityViolations;
        if (ok) {
            ++settled;
            if (holder != t.financier || bill.encumbrance != IBillRegistry.Encumbrance.FINANCED) ++atomicityViolations;
            if (!dvp.isFinancingSettled(t.financingId)) ++atomicityViolations;
        } else {
            ++refused;
            if (holder != t.seller || bill.encumbrance != IBillRegistry.Encumbrance.NONE) ++atomicityViolations;
            if (dvp.isFinancingSettled(t.financingId)) ++atomicityViolations;
        }
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[(_mix(seed) >> 16) % _actors.length];
    }
}

contract SettlementInvariantTest {
    SettlementHandler internal handler;

    function setUp() public {
        handler = new SettlementHandler();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_supplyIsMintsMinusBurns() public view {
        SettlementToken token = handler.token();
        require(token.totalSupply() == handler.minted() - handler.burned(), "supply != mints - burns");
        address[] memory actors = handler.actors();
        uint256 sum = 0;
        for (uint256 i = 0; i < actors.length; ++i) sum += token.balanceOf(actors[i]);
        require(sum == token.totalSupply(), "balances do not sum to the supply");
    }

    function invariant_dvpSettlesBothLegsOrNeither() public view {
        require(handler.atomicityViolations() == 0, "a DvP moved one leg without the other");
    }
}

/// @notice BillDvP takes the financier's consent to exactly one trade: a consent for another
///         amount, bill or payee, an expired one, or one used before is refused with its reason,
///         and nothing moves.
contract ConsentFuzzTest is SettlementStack {
    uint256 internal constant FINANCIER_KEY = 0xF1;
    address internal constant SELLER = address(0x5e11e7);
    bytes32 internal constant BILL = keccak256("consent-bill");
    bytes32 internal constant OTHER_BILL = keccak256("consent-other-bill");
    address internal financier;

    function setUp() public {
        _deployStack();
        financier = vm.addr(FINANCIER_KEY);
        identities.register(financier, "DE", uint64(block.timestamp + 3650 days));
        identities.register(SELLER, "DE", uint64(block.timestamp + 3650 days));
        _acceptedBill(BILL, SELLER, 1e12);
        _acceptedBill(OTHER_BILL, SELLER, 1e12);
        token.mint(financier, 1e13, keccak256("consent-deposit"));
    }

    // the trade under test, in storage: the fuzz test has more values than the stack holds
    uint256 internal _price;
    uint256 internal _deadline;
    uint256 internal _consentNonce;

    function _refusedWith(bytes32 billId, IBillDvP.Consent memory consent, bytes memory expected) internal {
        bytes32 financingId = keccak256(abi.encode("financing", billId, consent.nonce, consent.signature));
        // a low-level call on purpose: the exact revert data (error and arguments) is what is checked
        bytes memory call = abi.encodeCall(dvp.settleFinancing, (financingId, billId, financier, _price, consent));
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(dvp).call(call);
        require(!ok, "a DvP without consent to that trade settled");
        require(keccak256(data) == keccak256(expected), "refused, but not for the consent");
    }

    function _consentTo(uint256 key, bytes32 billId, uint256 price, address payee) internal view returns (IBillDvP.Consent memory) {
        return _financingConsent(key, billId, price, payee, _deadline, _consentNonce);
    }

    function testFuzz_onlyTheConsentToThatTradeSettles(uint256 priceSeed, uint256 delta, uint256 nonce, uint32 ttl) public {
        _price = _bound(priceSeed, 1, 1e12);
        _deadline = block.timestamp + _bound(ttl, 0, 365 days);
        _consentNonce = nonce;
        uint256 otherPrice = _price == 1 ? 2 : _bound(delta, 1, _price - 1); // another amount
        bytes memory invalid = abi.encodeWithSelector(IBillDvP.BillDvP__ConsentInvalid.selector, financier);
        bytes memory used = abi.encodeWithSelector(IBillDvP.BillDvP__ConsentUsed.selector, financier, nonce);
        uint256 before = token.balanceOf(financier);

        // none, another amount, another bill, another payee, another signer
        _refusedWith(BILL, IBillDvP.Consent(_deadline, nonce, ""), invalid);
        _refusedWith(BILL, _consentTo(FINANCIER_KEY, BILL, otherPrice, SELLER), invalid);
        _refusedWith(BILL, _consentTo(FINANCIER_KEY, OTHER_BILL, _price, SELLER), invalid);
        _refusedWith(BILL, _consentTo(FINANCIER_KEY, BILL, _price, address(0xBAD)), invalid);
        _refusedWith(BILL, _consentTo(FINANCIER_KEY + 1, BILL, _price, SELLER), invalid);
        // expired
        IBillDvP.Consent memory consent = _consentTo(FINANCIER_KEY, BILL, _price, SELLER);
        uint256 start = block.timestamp;
        vm.warp(_deadline + 1);
        _refusedWith(BILL, consent, abi.encodeWithSelector(IBillDvP.BillDvP__ConsentExpired.selector, financier, _deadline));
        vm.warp(start);
        require(token.balanceOf(financier) == before && !dvp.isConsentNonceUsed(financier, nonce), "a refused DvP changed something");

        // the consent to this trade settles it, once
        dvp.settleFinancing(keccak256("the trade"), BILL, financier, _price, consent);
        require(token.balanceOf(financier) == before - _price && token.balanceOf(SELLER) == _price, "the price did not move");
        require(dvp.isConsentNonceUsed(financier, nonce), "the consent was not spent");
        // its nonce is spent for any other trade
        _refusedWith(OTHER_BILL, _consentTo(FINANCIER_KEY, OTHER_BILL, _price, SELLER), used);
        // replayed on the same bill, put back with its seller by the agent: still refused
        bills.setEncumbrance(BILL, IBillRegistry.Encumbrance.NONE);
        bills.agentTransfer(BILL, SELLER);
        _refusedWith(BILL, consent, used);
    }
}

/// @notice The handler is not vacuous: a fixed sequence settles some financings and refuses others.
contract SettlementHandlerTest {
    function test_handlerSettlesAndRefuses() public {
        SettlementHandler handler = new SettlementHandler();
        for (uint256 i = 0; i < 200; ++i) {
            uint256 r = uint256(keccak256(abi.encode("s", i)));
            uint256 action = r % 5;
            if (action == 0 || i < 10) handler.mint(r >> 8, r >> 16);
            else if (action == 1) handler.burn(r >> 8, r >> 16);
            else if (action == 2) handler.transfer(r >> 8, r >> 16, r >> 24);
            else handler.settleFinancing(r >> 8, r >> 16, r >> 24, r >> 32, uint8(r >> 40));
        }
        require(handler.settled() > 5 && handler.refused() > 5, "the sequence did not both settle and refuse");
        require(handler.atomicityViolations() == 0, "a DvP moved one leg without the other");
        require(handler.token().totalSupply() == handler.minted() - handler.burned(), "supply != mints - burns");
    }
}
