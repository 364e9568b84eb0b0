// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Property tests of the cash leg, run by forge: settlement token supply = mints − burns whatever
// moves in between, and BillDvP settles both legs or neither.

import {IdentityRegistry} from "../src/identity/IdentityRegistry.sol";
import {BillRegistry} from "../src/bills/BillRegistry.sol";
import {IBillRegistry} from "../src/bills/interfaces/IBillRegistry.sol";
import {SettlementToken} from "../src/settlement/SettlementToken.sol";
import {BillDvP} from "../src/settlement/BillDvP.sol";
import {IBillDvP} from "../src/settlement/interfaces/IBillDvP.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {PropertyBase} from "./utils/PropertyBase.sol";

/// @notice A financier wallet that is a contract: it can refuse the bill (`onERC721Received`),
///         so the bill leg fails after the cash leg has been pulled.
contract FinancierWallet is IERC721Receiver {
    bool public refuseBills;

    function setRefuseBills(bool refuse) external {
        refuseBills = refuse;
    }

    function approve(SettlementToken token, address spender, uint256 amount) external {
        token.approve(spender, amount);
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
        obligor = vm.addr(OBLIGOR_KEY);
        identities.register(obligor, "DE", uint64(block.timestamp + 3650 days));
    }

    /// @dev Issues and accepts a bill of `amount` held by `holder`.
    function _acceptedBill(bytes32 billId, address holder, uint128 amount) internal {
        bills.issue(billId, holder, obligor, amount, "EUR", uint64(block.timestamp + 90 days), billId);
        uint256 deadline = block.timestamp + 1 days;
        bills.accept(billId, deadline, _signature(OBLIGOR_KEY, bills.acceptanceDigest(billId, deadline)));
    }

    function _noPermit() internal pure returns (IBillDvP.PermitData memory p) {}
}

/// @notice Random deposits (mints), withdrawals (burns), transfers and DvP settlements.
contract SettlementHandler is SettlementStack {
    uint256 internal constant ACTORS = 5;
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
        for (uint256 i = 0; i < ACTORS; ++i) _actors.push(address(uint160(0x3000 + i)));
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
        bytes32 billId;
        bytes32 financingId;
        uint256 price;
        uint256 financierBefore;
        uint256 sellerBefore;
        uint256 supplyBefore;
    }

    /// @dev A financing of a fresh bill: the financier's allowance and balance are sometimes short,
    ///      the contract financier sometimes refuses the bill, the price sometimes out of range.
    function settleFinancing(uint256 sellerSeed, uint256 financierSeed, uint256 amount, uint256 priceSeed, uint8 flags)
        external
    {
        Trade memory t;
        t.seller = _actor(sellerSeed);
        t.financier = _actor(financierSeed);
        uint128 face = uint128(_bound(amount, 1, 1e12));
        t.price = flags % 16 == 0 ? uint256(face) + 1 : _bound(priceSeed, 1, face);
        t.billId = keccak256(abi.encode("bill", ++_nonce));
        t.financingId = keccak256(abi.encode("financing", _nonce));
        _acceptedBill(t.billId, t.seller, face);
        _consent(t, flags);
        t.financierBefore = token.balanceOf(t.financier);
        t.sellerBefore = token.balanceOf(t.seller);
        t.supplyBefore = token.totalSupply();
        bool ok;
        try dvp.settleFinancing(t.financingId, t.billId, t.financier, t.price, _noPermit()) {
            ok = true;
        } catch {}
        wallet.setRefuseBills(false); // the wallet may be a seller next time
        _checkLegs(t, ok);
    }

    /// @dev The financier's consent to pay: an allowance, one in five short by one.
    function _consent(Trade memory t, uint8 flags) internal {
        uint256 allowance = flags % 5 == 0 ? t.price - 1 : t.price;
        if (t.financier == address(wallet)) {
            wallet.setRefuseBills(flags % 3 == 0);
            wallet.approve(token, address(dvp), allowance);
        } else {
            vm.prank(t.financier);
            token.approve(address(dvp), allowance);
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
