// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Role checks, run by forge: every restricted function refuses any caller without its role,
// and a holder of one role cannot act in another's place.
// Low-level calls on purpose: the exact revert data (error and arguments) is what is checked.
// solhint-disable avoid-low-level-calls

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {SpvVault} from "../src/securitization/SpvVault.sol";
import {TrancheDvP} from "../src/securitization/TrancheDvP.sol";
import {TrancheToken} from "../src/securitization/TrancheToken.sol";
import {DocumentAnchor} from "../src/anchoring/DocumentAnchor.sol";
import {IBillRegistry} from "../src/bills/interfaces/IBillRegistry.sol";
import {IBillDvP} from "../src/settlement/interfaces/IBillDvP.sol";
import {SettlementStack} from "./Settlement.t.sol";

contract RolesFuzzTest is SettlementStack {
    DocumentAnchor internal anchors;
    address internal constant SUPPLIER = address(0x5a1e);
    bytes32 internal constant BILL = keccak256("roles-bill");

    function setUp() public {
        _deployStack();
        anchors = new DocumentAnchor(address(this));
        anchors.grantRole(anchors.ANCHORER_ROLE(), address(this));
        identities.register(SUPPLIER, "DE", uint64(block.timestamp + 3650 days));
        _acceptedBill(BILL, SUPPLIER, 1000);
        token.mint(SUPPLIER, 500, keccak256("roles-deposit"));
    }

    /// @dev Whether `data` is AccessControlUnauthorizedAccount(caller, role).
    function _unauthorized(bytes memory data, address caller, bytes32 role) internal pure returns (bool) {
        return keccak256(data)
            == keccak256(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role));
    }

    function _refused(bool ok, bytes memory data, address caller, bytes32 role) internal pure {
        require(!ok, "a caller without the role got through");
        require(_unauthorized(data, caller, role), "refused, but not for the missing role");
    }

    function testFuzz_callersWithoutTheRoleAreRefused(address caller) public {
        if (caller == address(this) || caller == address(dvp)) return; // the holders of every role here
        bool ok;
        bytes memory data;

        vm.prank(caller);
        (ok, data) = address(token).call(abi.encodeCall(token.mint, (caller, 1, keccak256("x"))));
        _refused(ok, data, caller, token.SETTLEMENT_AGENT_ROLE());
        vm.prank(caller);
        (ok, data) = address(token).call(abi.encodeCall(token.burn, (SUPPLIER, 1, keccak256("y"))));
        _refused(ok, data, caller, token.SETTLEMENT_AGENT_ROLE());
        vm.prank(caller);
        (ok, data) = address(token).call(abi.encodeCall(token.dvpTransfer, (SUPPLIER, caller, 1)));
        _refused(ok, data, caller, token.DVP_ROLE());

        vm.prank(caller);
        (ok, data) = address(anchors).call(abi.encodeCall(anchors.anchor, (keccak256("b"), keccak256("r"))));
        _refused(ok, data, caller, anchors.ANCHORER_ROLE());

        vm.prank(caller);
        (ok, data) = address(identities).call(abi.encodeCall(identities.register, (caller, "DE", uint64(block.timestamp + 1))));
        _refused(ok, data, caller, identities.REGISTRAR_ROLE());

        vm.prank(caller);
        (ok, data) = address(bills).call(abi.encodeCall(bills.agentTransfer, (BILL, caller)));
        _refused(ok, data, caller, bills.AGENT_ROLE());
        vm.prank(caller);
        (ok, data) = address(bills).call(abi.encodeCall(bills.setEncumbrance, (BILL, IBillRegistry.Encumbrance.PLEDGED)));
        _refused(ok, data, caller, bills.AGENT_ROLE());
        vm.prank(caller);
        (ok, data) = address(bills).call(abi.encodeCall(bills.markPaid, (BILL)));
        _refused(ok, data, caller, bills.AGENT_ROLE());

        IBillDvP.Consent memory none;
        vm.prank(caller);
        (ok, data) = address(dvp).call(abi.encodeCall(dvp.settleFinancing, (keccak256("f"), BILL, caller, 1, none)));
        _refused(ok, data, caller, dvp.AGENT_ROLE());
        vm.prank(caller);
        (ok, data) = address(dvp).call(abi.encodeCall(dvp.setSettlementToken, ("USD", address(0))));
        _refused(ok, data, caller, dvp.DEFAULT_ADMIN_ROLE());

        (IBillRegistry.Bill memory bill, address holder) = bills.billOf(BILL);
        require(holder == SUPPLIER && bill.encumbrance == IBillRegistry.Encumbrance.NONE, "the bill moved");
        require(token.totalSupply() == 500, "the supply changed");
    }

    /// @notice The anchorer's role is no key to the money or the bills: it cannot mint, pull
    ///         tokens as the DvP, settle a DvP or move a bill.
    function testFuzz_anchorerCannotMintOrMoveBills(address anchorer, uint256 amount) public {
        if (anchorer == address(this) || anchorer == address(dvp) || anchorer == address(0)) return;
        anchors.grantRole(anchors.ANCHORER_ROLE(), anchorer);
        vm.prank(anchorer);
        anchors.anchor(keccak256(abi.encode("batch", anchorer)), keccak256(abi.encode("root", anchorer)));

        bool ok;
        bytes memory data;
        vm.prank(anchorer);
        (ok, data) = address(token).call(abi.encodeCall(token.mint, (anchorer, _bound(amount, 1, 1e18), keccak256("z"))));
        _refused(ok, data, anchorer, token.SETTLEMENT_AGENT_ROLE());
        vm.prank(anchorer);
        (ok, data) = address(token).call(abi.encodeCall(token.dvpTransfer, (SUPPLIER, anchorer, 1)));
        _refused(ok, data, anchorer, token.DVP_ROLE());
        IBillDvP.Consent memory none;
        vm.prank(anchorer);
        (ok, data) = address(dvp).call(abi.encodeCall(dvp.settleFinancing, (keccak256("a"), BILL, anchorer, 1, none)));
        _refused(ok, data, anchorer, dvp.AGENT_ROLE());
        vm.prank(anchorer);
        (ok, data) = address(bills).call(abi.encodeCall(bills.agentTransfer, (BILL, anchorer)));
        _refused(ok, data, anchorer, bills.AGENT_ROLE());
        vm.prank(anchorer);
        (ok, data) = address(bills).call(abi.encodeCall(bills.transferFrom, (SUPPLIER, anchorer, uint256(BILL))));
        require(!ok, "the anchorer moved a bill it does not hold");
        (, address holder) = bills.billOf(BILL);
        require(holder == SUPPLIER && token.balanceOf(anchorer) == 0, "the anchorer got money or a bill");
    }
}

/// @notice The admin role sits behind OpenZeppelin's AccessControlDefaultAdminRules: one admin,
///         handed over in two steps, the new admin accepting only after the delay.
contract AdminRulesTest is SettlementStack {
    uint48 internal constant DELAY = 2 days;
    address internal constant NEXT_ADMIN = address(0xAD);

    function _admins() internal returns (address[] memory list) {
        _deployStack();
        list = new address[](8);
        list[0] = address(new DocumentAnchor(address(this)));
        list[1] = address(identities);
        list[2] = address(token);
        list[3] = address(dvp);
        SpvVault vault = new SpvVault(address(this), bills);
        list[4] = address(vault);
        list[5] = address(new TrancheDvP(address(this), vault, token));
        list[6] = address(new TrancheToken("Notes", "N", keccak256("t"), address(this), identities));
        list[7] = address(bills);
    }

    function test_everyContractHasOneAdminHandedOverAfterTheDelay() public {
        address[] memory contracts = _admins();
        for (uint256 i = 0; i < contracts.length; ++i) {
            IAccessControlDefaultAdminRules c = IAccessControlDefaultAdminRules(contracts[i]);
            require(c.defaultAdmin() == address(this), "the deployer's admin is not the default admin");
            require(c.defaultAdminDelay() == DELAY, "the admin delay is not 2 days");

            // a second admin cannot be granted directly
            (bool ok, bytes memory data) =
                address(c).call(abi.encodeCall(IAccessControl.grantRole, (bytes32(0), NEXT_ADMIN)));
            require(!ok && _selector(data) == IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector, "a second admin was granted");

            uint256 start = block.timestamp;
            c.beginDefaultAdminTransfer(NEXT_ADMIN);
            vm.warp(start + DELAY - 1);
            vm.prank(NEXT_ADMIN);
            (ok, data) = address(c).call(abi.encodeCall(IAccessControlDefaultAdminRules.acceptDefaultAdminTransfer, ()));
            require(!ok, "the new admin accepted before the delay");
            vm.warp(start + DELAY + 1);
            vm.prank(NEXT_ADMIN);
            c.acceptDefaultAdminTransfer();
            require(c.defaultAdmin() == NEXT_ADMIN && !IAccessControl(address(c)).hasRole(bytes32(0), address(this)), "the admin was not handed over");
            vm.warp(start);
        }
    }
}
