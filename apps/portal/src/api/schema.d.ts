/**
 * GENERATED from the API's OpenAPI document by scripts/api-types.mjs (openapi-typescript): do not edit.
 * Regenerate with `npm run api:types`; a test fails when this file and the API drift apart.
 */

export type paths = {
    "/api/v1/anchors/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anchor batches, newest first */
        get: operations["AnchorsController_batches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anchors/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AnchorsController_batch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anchors/hashes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue up to 100,000 precomputed SHA-256 hashes for anchoring
         * @description For systems that anchor their own records. Each item is answered on its own (a malformed hash fails alone); a hash submitted before is anchored once. Receipts: GET /api/v1/anchors/hashes/{sha256} once the state is ANCHORED.
         */
        post: operations["AnchorsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anchors/hashes/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a submitted hash is; its receipt once anchored */
        get: operations["AnchorsController_hash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log (auditors and platform admins: all; others: their organization) */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the whole hash chain; names the first broken link */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invites/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new user sets a password with the one-time invite link mailed to them */
        post: operations["AuthController_acceptInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password (throttled per account and per IP) */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session of this refresh token (its family) */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the refresh token; a reused one revokes its whole family */
        post: operations["AuthController_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BillsController_list"];
        put?: never;
        /** Issue a bill (supplier); registered on chain through the outbox */
        post: operations["BillsController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BillsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The buyer accepts (EIP-712 signature of its custodial wallet, or an external one) */
        post: operations["BillsController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/bill.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bill as a PDF, with its document's anchoring status and its lifecycle */
        get: operations["BillsController_pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["BillsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/financing-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask financiers to finance the bill (holder) */
        post: operations["BillsController_requestFinancing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BillsController_offers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The obligor pays the face amount to the holder (DvP); the bill becomes PAID */
        post: operations["BillsController_pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["BillsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Split into parts that sum to the face amount (holder) */
        post: operations["BillsController_split"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Endorse the bill to another verified organization (holder) */
        post: operations["BillsController_transfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue many bills (supplier): a result per row; registered on chain in batches through the outbox */
        post: operations["BillIntakeController_bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/bulk/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The row results of a bulk intake of the caller’s organization, by its id or idempotency key */
        get: operations["BillIntakeController_result"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/duplicate-alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Refused second registrations of existing receivables */
        get: operations["BillsController_duplicateAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bills the caller sees, as CSV (same filters as the list) */
        get: operations["BillsController_exportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/fingerprint-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Is this receivable already registered or encumbered? (nothing else is told) */
        post: operations["BillsController_fingerprintCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/import/ubl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import Peppol BIS 3.0 / UBL 2.1 invoices: one file → the bill (201) or its error; several → a result per file (200) */
        post: operations["BillsController_importUbl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/marketplace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open financing requests (financiers) */
        get: operations["BillsController_marketplace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chain/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChainJobsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chain/jobs/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outbox jobs per status (one SQL query) */
        get: operations["ChainJobsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counterparties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Approved participants by name (id, legal name, business roles), for naming and picking counterparties
         * @description A deliberate exception to organization scoping: see docs/architecture.md, "Counterparty directory".
         */
        get: operations["CounterpartiesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The deals the caller’s organization arranged (platform roles: all) */
        get: operations["DealsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DealsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the deal on chain: per-deal contracts, true sale of the pool, DvP per investor, proceeds to the originator (outbox jobs) */
        post: operations["DealsController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/closing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The closing's progress: state, steps with their transactions, gas per bill of the true sale */
        get: operations["DealsController_closing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/offerings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The deal's subscription windows in any state, with their order totals (the arranger) */
        get: operations["DealsController_dealOfferings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/tranches/{className}/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The arranger opens a tranche's subscription window */
        post: operations["DealsController_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Documents the caller may read (its organization's; all for platform roles), newest first */
        get: operations["DocumentsController_list"];
        put?: never;
        /**
         * Upload a document for the caller's organization
         * @description multipart/form-data with a `file` part (PDF, XML, PNG or JPEG, judged by content; at most DOCUMENT_MAX_BYTES) and optional `kind` and `name` fields. The hash is queued for anchoring. The same content uploaded again by the same organization answers 200 with the first document.
         */
        post: operations["DocumentsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DocumentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/certificate.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** PDF certificate of an anchored document, with a QR code to the public verify page */
        get: operations["DocumentsController_certificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The document itself */
        get: operations["DocumentsController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/receipt.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The self-contained proof file of an anchored document (tally verify, OpenZeppelin, any RPC node) */
        get: operations["DocumentsController_receipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financing/offers/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an offer (holder): delivery versus payment on chain */
        post: operations["FinancingController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financing/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's outstanding financed bills per currency, with the weighted-average discount rate (financiers) */
        get: operations["FinancingController_financierPortfolio"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financing/requests/{id}/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Offer terms on an open request (financier); the quote is computed exactly */
        post: operations["FinancingController_offer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investors/{id}/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organization's tranche holdings (allocated notes) and the distributions paid to its wallets */
        get: operations["InvestorPortfolioController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kyc/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Submitted organizations awaiting a decision, with their screening */
        get: operations["KycQueueController_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offerings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open offerings (tranches in their subscription window) */
        get: operations["DealsController_offerings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offerings/{id}/allocate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the window and allocate (pro rata, floor to the denomination, largest remainder) */
        post: operations["DealsController_allocate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offerings/{id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The offering's orders (the arranger: all; an investor: its own), with allocations */
        get: operations["DealsController_orders"];
        put?: never;
        /** An approved INVESTOR organization subscribes (one order per tranche, whole notes) */
        post: operations["DealsController_order"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's organization's subscription orders with their offerings and allocations */
        get: operations["DealsController_myOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organizations the caller may see (its own; all for platform roles) */
        get: operations["OrganizationsController_list"];
        put?: never;
        post: operations["OrganizationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["OrganizationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["OrganizationsController_update"];
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** SUBMITTED → APPROVED (screening clear); registers the wallets on chain */
        post: operations["OrganizationsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's KYC documents with their anchoring status */
        get: operations["OrganizationsController_kycDocumentsOf"];
        put?: never;
        /** Add a KYC document (stored content-addressed, hashed and anchored) */
        post: operations["OrganizationsController_addKycDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["OrganizationsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** REJECTED → SUBMITTED after the organization corrected its file; runs the sanctions screening again */
        post: operations["OrganizationsController_resubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/screening": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["OrganizationsController_screening"];
        put?: never;
        /** Run the sanctions screening again */
        post: operations["OrganizationsController_rescreen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/screening/false-positives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that a screening hit is not this organization */
        post: operations["OrganizationsController_falsePositive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** DRAFT → SUBMITTED; runs the sanctions screening */
        post: operations["OrganizationsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/kyc/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** APPROVED → SUSPENDED; removes the wallets from the on-chain registry */
        post: operations["OrganizationsController_suspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/wallets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["OrganizationsController_listWallets"];
        put?: never;
        /** Bind an external wallet with its signature of a challenge (EIP-191) */
        post: operations["OrganizationsController_bind"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/wallets/challenges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A single-use message (valid 10 minutes) for an external wallet to sign */
        post: operations["OrganizationsController_challenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PoolsController_list"];
        put?: never;
        /** An approved ORIGINATOR or FINANCIER creates a pool with its eligibility criteria and concentration limits */
        post: operations["PoolsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PoolsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count, balance, WA remaining term and discount yield, obligor top-N and HHI, sellers, maturity and delinquency buckets (SQL) */
        get: operations["PoolsController_analytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The pool's assets (earliest added first) with the parties' names and invoice numbers */
        get: operations["PoolsController_assets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/assets/{billId}/proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An asset's inclusion proof under the anchored tape root (check it with `tally verify-asset`, no API needed) */
        get: operations["PoolsController_proof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add bills (1 to 100,000): per bill added, or refused naming each failed criterion or limit */
        post: operations["PoolsController_addBills"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/deal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PoolsController_deal"];
        put?: never;
        /** Structure the locked pool: tranches, fees, reserve, triggers; stored in the waterfall engine format, credit enhancement per tranche */
        post: operations["PoolsController_createDeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cut-off: freeze the pool into its loan tape, one Merkle leaf per asset; the root is anchored on chain through the outbox */
        post: operations["PoolsController_lock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/tape": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The loan tape as JSON (root, leaf encoding, every asset with its leaf) */
        get: operations["PoolsController_tape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/tape.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The loan tape as CSV (canonical columns; its SHA-256 is anchored) */
        get: operations["PoolsController_tapeCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pools/{id}/tape.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tape's PDF summary (pool, cut-off figures, top obligors, maturity buckets, Merkle root and CSV hash), rendered at the lock; its SHA-256 is anchored */
        get: operations["PoolsController_tapePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Project a loan tape under CDR/CPR/recovery/delinquency, run the deal, measure each tranche */
        post: operations["ProjectionsController_project"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projections/grid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The same measures on a CDR × CPR × recovery grid */
        post: operations["ProjectionsController_grid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every difference between the database and the chain (`tally reconcile`)
         * @description Bills (existence, status, holder, encumbrance, terms), financings and payments (DvP settled flags), settlement movements (deposit / withdrawal references used on the token) and bill jobs whose transaction is not in the canonical chain, read at the confirmed tip; deal closings (vault batch and payment flags, DvP subscription flags, note balances per investor, the vault's cash). Bills or closings with a chain job in flight are skipped. An empty list means the database and the chain agree.
         */
        get: operations["ReconciliationController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Servicers, trustees and platform staff: the deals closed on chain, their last approved period and a period waiting for the trustee */
        get: operations["ServicedDealsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The period runs the caller may read: servicers, trustees and platform staff every run; another organization the approved runs of the deals whose notes its wallets held at the record date */
        get: operations["ServicingController_list"];
        put?: never;
        /** Servicer: propose a period (collections, holders); the engine result is computed and stored */
        post: operations["ServicingController_propose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A period run, its result and payouts (a holder of the deal's notes: an approved run, its own payouts and lines only) */
        get: operations["ServicingController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trustee (another organization): approve; the payouts go to the outbox */
        post: operations["ServicingController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trustee (another organization): reject with a reason */
        post: operations["ServicingController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The investor report's figures (a holder: its own distribution lines) and its CSV and PDF with their anchoring */
        get: operations["ServicingController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}/report.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The investor report CSV (the bytes that are anchored); for the run's readers (see GET /servicing/runs) */
        get: operations["ServicingController_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}/report.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published investor report PDF (the anchored bytes, with the CSV receipt printed on it) */
        get: operations["ServicingController_pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}/report/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the investor report CSV (stored, queued for anchoring) */
        post: operations["ServicingController_publishCsv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/{id}/report/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render the PDF with the anchored CSV receipt; registered (and anchored) as a REPORT document */
        post: operations["ServicingController_publishPdf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/servicing/runs/from-deal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Servicer: propose a period of a deal closed on chain (collections from its pool bills, holders from its tranche tokens) */
        post: operations["ServicingController_proposeFromDeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Settlement agent: record a fiat deposit and mint tokenized deposits */
        post: operations["SettlementController_deposit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement/organizations/{id}/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SettlementController_balances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement/organizations/{id}/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SettlementController_movements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement/organizations/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's statement: deposits, withdrawals, financing prices, repayments, bill payments and distributions, with counterparties */
        get: operations["SettlementController_statement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement/organizations/{id}/statement.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The statement as a PDF (deterministic: the same statement gives the same bytes) */
        get: operations["SettlementController_statementPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Settlement agent: burn tokenized deposits against a fiat withdrawal */
        post: operations["SettlementController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database, chain, contracts and outbox at a glance (the portal dashboard) */
        get: operations["StatusController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_list"];
        put?: never;
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/v1/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Was this document anchored, when, in which transaction?
         * @description Send the file (multipart `file`, hashed on the server and not kept) or its SHA-256 (`sha256`, JSON or form field). The answer is checked against the chain, and says why not when it is not anchored.
         */
        post: operations["VerifyController_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verify/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify up to 1,000 SHA-256 hashes at once (each answered on its own) */
        post: operations["VerifyController_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verify/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a receipt.json: its proof, and its root, batch, block and transaction on chain */
        post: operations["VerifyController_receipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        AcceptBillDto: {
            /** @description Pre-authorise payment from the settlement account on the due date */
            autoDebit?: boolean;
            /** @description unix seconds; required with signature */
            deadline?: number;
            /** @description EIP-712 Acceptance signature of the obligor wallet (external); absent: the custodial wallet signs */
            signature?: string;
        };
        AcceptInviteDto: {
            password: string;
            /** @description The token of the invite link */
            token: string;
        };
        AddPoolBillsDto: {
            /** @description Bills to add (1 to 100,000), taken in this order for the limits */
            billIds: string[];
        };
        AddPoolBillsResultDto: {
            added: number;
            assetCount: number;
            /** @description minor units, after the addition */
            balanceMinor: string;
            refused: number;
            /** @description One per bill of the request, in its order */
            results: components["schemas"]["PoolBillResultDto"][];
        };
        AnchorBatchDto: {
            blockNumber: number | null;
            /** Format: date-time */
            blockTimestamp: string | null;
            /** @description bytes32 batch id written on chain */
            chainBatchId: string;
            chainId: number;
            /** Format: uuid */
            chainJobId: string;
            /** @description Blocks on top of the anchoring one, counting it */
            confirmations: number | null;
            /** Format: date-time */
            confirmedAt: string | null;
            contractAddress: string | null;
            failureReason: string | null;
            /** Format: uuid */
            id: string;
            leafCount: number;
            root: string;
            /** Format: date-time */
            sealedAt: string;
            /** @enum {string} */
            status: "SEALED" | "ANCHORED" | "FAILED";
            txHash: string | null;
        };
        AnchorBatchPageDto: {
            items: components["schemas"]["AnchorBatchDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        AnchorReceiptDto: {
            /** Format: date-time */
            anchoredAt: string;
            /** @description bytes32 batch id the root was anchored under */
            batchId: string;
            blockNumber: number;
            /** @description block.timestamp of the anchoring block, in seconds */
            blockTimestamp: number;
            /** @example 31337 */
            chainId: number;
            /** @description DocumentAnchor contract address */
            contract: string;
            /**
             * @description SHA-256 of the document
             * @example 0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
             */
            documentHash: string;
            /** @example tally-anchor-receipt/1 */
            format: string;
            /** @description keccak256(keccak256(abi.encode(documentHash))) */
            leaf: string;
            leafCount: number;
            /**
             * @example [
             *       "bytes32"
             *     ]
             */
            leafEncoding: string[];
            /** @description Position among the batch's leaves sorted by hash */
            leafIndex: number;
            /** @description Sibling hashes from the leaf to the root (sorted-pair hashing, MerkleProof.sol) */
            proof: string[];
            root: string;
            txHash: string;
        };
        ApproveKycDto: {
            /**
             * @description When the approval lapses (the organization becomes EXPIRED)
             * @example 2027-11-21T00:00:00Z
             */
            expiresAt: string;
            /** @example Documents complete; UBO verified. */
            note: string;
        };
        AuditEntryDto: {
            action: string;
            actor: string;
            actorUserId?: string | null;
            /** Format: date-time */
            at: string;
            entity: string;
            entityId: string;
            hash: string;
            organizationId?: string | null;
            payload: {
                [key: string]: unknown;
            };
            prevHash: string;
            /** @description position in the chain, decimal string */
            seq: string;
        };
        AuditPageDto: {
            items: components["schemas"]["AuditEntryDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        AuditVerificationDto: {
            /** @description the first broken link */
            firstBroken?: {
                reason?: string;
                seq?: string;
            };
            /** @description hash of the last row checked */
            headHash: string;
            ok: boolean;
            rows: number;
        };
        BalanceDto: {
            /** @description on-chain balance of the organization's settlement account, minor units */
            balanceMinor: string;
            currency: string;
            wallet: string;
        };
        BillDetailDto: {
            /** @description The actions the caller may take on the bill now (its organization's position and the caller's roles), by the bill lifecycle table */
            allowedActions: ("accept" | "reject" | "cancel" | "transfer" | "split" | "request-financing" | "finance" | "pay")[];
            autoDebit: boolean;
            buyerName?: string;
            /** Format: uuid */
            buyerOrganizationId: string;
            chainStatus: string;
            currency: string;
            documentId?: string | null;
            documentSha256?: string | null;
            dueDate: string;
            /** @enum {string} */
            encumbrance: "NONE" | "FINANCED" | "PLEDGED" | "POOLED";
            /** @description minor units */
            faceAmountMinor: string;
            fingerprint: string;
            holderName?: string;
            /** Format: uuid */
            holderOrganizationId: string;
            /** Format: uuid */
            id: string;
            invoiceNumber: string;
            issueDate: string;
            parentBillId?: string | null;
            /** @description on-chain action in flight */
            pendingAction?: string | null;
            /** @enum {string} */
            state: "DRAFT" | "ISSUED" | "ACCEPTED" | "PAID" | "OVERDUE" | "DEFAULTED" | "CANCELLED";
            supersededAt?: string | null;
            /** @description Legal names of the bill's supplier, buyer and holder (on GET): the bill's own parties, as on the invoice */
            supplierName?: string;
            /** Format: uuid */
            supplierOrganizationId: string;
            timeline: components["schemas"]["BillEventDto"][];
            /** @description ERC-721 token id, decimal string */
            tokenId: string;
            version: number;
        };
        BillDto: {
            /** @description The actions the caller may take on the bill now (its organization's position and the caller's roles), by the bill lifecycle table */
            allowedActions: ("accept" | "reject" | "cancel" | "transfer" | "split" | "request-financing" | "finance" | "pay")[];
            autoDebit: boolean;
            buyerName?: string;
            /** Format: uuid */
            buyerOrganizationId: string;
            chainStatus: string;
            currency: string;
            documentId?: string | null;
            documentSha256?: string | null;
            dueDate: string;
            /** @enum {string} */
            encumbrance: "NONE" | "FINANCED" | "PLEDGED" | "POOLED";
            /** @description minor units */
            faceAmountMinor: string;
            fingerprint: string;
            holderName?: string;
            /** Format: uuid */
            holderOrganizationId: string;
            /** Format: uuid */
            id: string;
            invoiceNumber: string;
            issueDate: string;
            parentBillId?: string | null;
            /** @description on-chain action in flight */
            pendingAction?: string | null;
            /** @enum {string} */
            state: "DRAFT" | "ISSUED" | "ACCEPTED" | "PAID" | "OVERDUE" | "DEFAULTED" | "CANCELLED";
            supersededAt?: string | null;
            /** @description Legal names of the bill's supplier, buyer and holder (on GET): the bill's own parties, as on the invoice */
            supplierName?: string;
            /** Format: uuid */
            supplierOrganizationId: string;
            /** @description ERC-721 token id, decimal string */
            tokenId: string;
            version: number;
        };
        BillEventDto: {
            action: string;
            actorOrganizationId?: string | null;
            actorUserId?: string | null;
            /** Format: date-time */
            at: string;
            chainJobId?: string | null;
            payload: Record<string, never>;
            txHash?: string | null;
        };
        BillPageDto: {
            items: components["schemas"]["BillDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        BindWalletDto: {
            /** Format: uuid */
            challengeId: string;
            /** @description 65-byte EIP-191 signature, 0x-prefixed hex */
            signature: string;
        };
        BucketDto: {
            /** @description minor units */
            balanceMinor: string;
            /** @example 31-60 */
            bucket: string;
            count: number;
        };
        BulkHashResultDto: {
            /** @description False when the hash had been submitted before (it is anchored once) */
            created?: boolean;
            error?: components["schemas"]["ItemErrorDto"];
            index: number;
            ok: boolean;
            sha256?: string;
            /** @enum {string} */
            state?: "PENDING" | "SEALED" | "ANCHORED";
        };
        ChainHealthDto: {
            /** @description Age of the observation in ms: the chain status is refreshed in the background about every 500 ms */
            ageMs?: number;
            blockNumber?: number;
            /** Format: date-time */
            blockTime?: string;
            /** @example 31337 */
            chainId: number;
            detail?: string;
            latencyMs?: number;
            /** @enum {string} */
            status: "up" | "down";
        };
        ChainJobCountsDto: {
            confirmed: number;
            failed: number;
            pending: number;
            submitted: number;
        };
        ChainJobDto: {
            /** @description decimal string */
            blockNumber?: string | null;
            chainId: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt?: string | null;
            /** @description decimal string */
            gasUsed?: string | null;
            /** Format: uuid */
            id: string;
            /** @example anchor.root */
            kind: string;
            /** @description decimal string */
            nonce?: string | null;
            revertReason?: string | null;
            /** @enum {string} */
            status: "PENDING" | "SUBMITTED" | "CONFIRMED" | "FAILED";
            txHash?: string | null;
        };
        ChallengeDto: {
            address: string;
            /** Format: uuid */
            challengeId: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description Sign exactly this text with personal_sign (EIP-191) */
            message: string;
        };
        ClosingDto: {
            currency: string;
            /** Format: uuid */
            dealId: string;
            done: number;
            dvpAddress: string | null;
            failureReason: string | null;
            /** Format: uuid */
            id: string;
            originatorWallet: string;
            /** @description minor units paid to the originator */
            proceedsMinor: string;
            /** @description minor units: the notes sold, at par */
            purchasePriceMinor: string;
            /** @description minor units kept in the vault (reserve target) */
            reserveMinor: string;
            /** @enum {string} */
            state: "REQUESTED" | "ASSETS_SOLD" | "NOTES_ISSUED" | "CLOSED" | "FAILED";
            steps: components["schemas"]["ClosingStepDto"][];
            total: number;
            /** @description tranche class → TrancheToken address */
            trancheTokens: {
                [key: string]: string;
            };
            trueSale: components["schemas"]["TrueSaleSummaryDto"];
            vaultAddress: string | null;
        };
        ClosingStepDto: {
            /** @description bills the step moves (true-sale batches) */
            billCount: number;
            failureReason: string | null;
            /** @description gas used by its transaction */
            gasUsed: string | null;
            /**
             * @description deploy-vault, deploy-dvp, deploy-token:<class>, grant:…, set-tranche:<class>, eligible:<class>, true-sale:<n>, dvp:<orderId>, proceeds
             * @example true-sale:0
             */
            key: string;
            /** @description the outbox job kind */
            kind: string;
            /** @enum {string} */
            state: "PLANNED" | "ENQUEUED" | "DONE" | "FAILED";
            txHash: string | null;
        };
        CollectionRowDto: {
            balanceMinor: string;
            /** @example 2022-01-31 */
            date: string;
            /** @description New defaulted balance (bills DEFAULTED in the row) */
            defaultMinor: string;
            delinquentMinor?: string;
            interestMinor: string;
            lossMinor: string;
            prepaymentMinor: string;
            principalMinor: string;
            recoveryMinor: string;
        };
        ConcentrationEntryDto: {
            /** @description minor units */
            balanceMinor: string;
            count: number;
            legalName: string | null;
            /** Format: uuid */
            organizationId: string;
            /** @description share of the pool balance, bps, floored */
            shareBps: number;
        };
        CounterpartyDto: {
            /** Format: uuid */
            id: string;
            legalName: string;
            roles: ("SUPPLIER" | "BUYER" | "FINANCIER" | "ORIGINATOR" | "INVESTOR" | "AUDITOR" | "SERVICER" | "TRUSTEE" | "PLATFORM")[];
        };
        CreateChallengeDto: {
            /** @example 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 */
            address: string;
        };
        CreateDealDto: {
            /** @example 2026-07-15 */
            closingDate: string;
            /** @enum {string} */
            dayCount: "ACT/360" | "ACT/365F";
            /** @example 2026-08-20 */
            firstDistributionDate: string;
            /** @example Northbank Trade Receivables 2026-1 */
            name: string;
            /** @enum {string} */
            paymentFrequency: "MONTHLY" | "QUARTERLY";
            /**
             * @description reserve account target, bps of the (non-equity) notes, funded at closing
             * @example 200
             */
            reserveTargetBps: number;
            /**
             * @description servicer fee, bps per annum of the pool balance
             * @example 50
             */
            servicerFeeBpsPerAnnum: number;
            /** @example 2027-12-20 */
            statedMaturityDate: string;
            tranches: components["schemas"]["TrancheTermsDto"][];
            triggers?: components["schemas"]["TriggerTermsDto"][];
            /**
             * @description trustee fee per period, minor units
             * @example 150000
             */
            trusteeFeePerPeriodMinor: string;
        };
        CreateOrganizationDto: {
            /**
             * @description ISO 3166-1 alpha-2
             * @example DE
             */
            country: string;
            /** @example Acme Components GmbH */
            legalName: string;
            /**
             * @description ISO 17442 LEI, check digits validated
             * @example 5493001KJTIIGC8Y1R12
             */
            lei: string;
            /**
             * @description Peppol participant ids `scheme:id`
             * @example [
             *       "0088:4035811991021"
             *     ]
             */
            peppolIds?: string[];
            roles: ("SUPPLIER" | "BUYER" | "FINANCIER" | "ORIGINATOR" | "INVESTOR" | "AUDITOR" | "SERVICER" | "TRUSTEE")[];
            /**
             * @description VAT identifier with its country prefix; spaces, dots and dashes are dropped
             * @example DE123456789
             */
            vatId?: string;
        };
        CreatePoolDto: {
            /** @example EUR */
            currency: string;
            /** @example 2026-12-31 */
            cutOffDate: string;
            eligibility?: components["schemas"]["PoolEligibilityDto"];
            limits?: components["schemas"]["PoolLimitsDto"];
            /** @example Northbank Trade Receivables 2026-1 */
            name: string;
        };
        CreateUserDto: {
            /** @example jane@acme.example */
            email: string;
            /** @example Jane Doe */
            name: string;
            /**
             * Format: uuid
             * @description Platform admins only; default: the caller's organization
             */
            organizationId?: string;
            roles: ("PLATFORM_ADMIN" | "KYC_OFFICER" | "AUDITOR" | "ORG_ADMIN" | "ORG_MEMBER")[];
        };
        CreditEnhancementDto: {
            className: string;
            /** @description pool balance above all notes, bps */
            overcollateralizationBps: number;
            /** @description reserve funded at closing, bps */
            reserveBps: number;
            /** @description junior tranches, bps of the pool balance */
            subordinationBps: number;
            /** @description minor units */
            subordinationMinor: string;
            totalBps: number;
        };
        DatabaseHealthDto: {
            detail?: string;
            latencyMs?: number;
            /** @enum {string} */
            status: "up" | "down";
        };
        DealDto: {
            /** @description true when `POST /deals/{id}/close` passes its checks of the deal: no closing yet, the pool cut off with its tape anchored, every offering allocated (wallets are checked by the close itself) */
            closable: boolean;
            /**
             * @description the closing's state, null before `POST /deals/{id}/close`
             * @enum {string|null}
             */
            closingState: "REQUESTED" | "ASSETS_SOLD" | "NOTES_ISSUED" | "CLOSED" | "FAILED" | null;
            creditEnhancement: components["schemas"]["CreditEnhancementDto"][];
            currency: string;
            dealStatusAtStart: Record<string, never>;
            /** @description tally-waterfall-case/1 `dates` */
            engineDates: Record<string, never>;
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * @description why the deal cannot be closed now: the code the close would answer
             * @enum {string|null}
             */
            notClosableReason: "CLOSING_EXISTS" | "POOL_NOT_CUT_OFF" | "OFFERING_NOT_ALLOCATED" | null;
            /** @description minor units */
            poolBalanceMinor: string;
            /** Format: uuid */
            poolId: string;
            /** @description minor units, funded at closing */
            reserveFundingMinor: string;
            /** @enum {string} */
            state: "STRUCTURED";
            /** @description tally-waterfall-case/1 `structure` (the engine runs it as is) */
            structure: Record<string, never>;
            /** @description the terms as given */
            terms: Record<string, never>;
        };
        DealOfferingDto: {
            /** @description minor units, once allocated */
            allocatedMinor: string | null;
            className: string;
            closesAt: string;
            couponBps: number;
            currency: string;
            /** Format: uuid */
            dealId: string;
            dealName: string;
            /** @description minor units */
            denominationMinor: string;
            /** Format: uuid */
            id: string;
            orderCount: number;
            /** @description minor units, the sum of the orders */
            orderedMinor: string;
            rank: number;
            /** @description minor units */
            sizeMinor: string;
            /** @enum {string} */
            state: "OPEN" | "ALLOCATED";
        };
        DeployedContractDto: {
            /** @example 0x5FbDB2315678afecb367f032d93F642f64180aa3 */
            address: string;
            deploymentBlock: number;
            /** @example DocumentAnchor */
            name: string;
            txHash: string | null;
        };
        DistributionDto: {
            amountMinor: string;
            currency: string;
            dealName: string;
            /** @description YYYY-MM-DD */
            distributionDate: string;
            /** Format: uuid */
            id: string;
            interestMinor: string;
            period: number;
            principalMinor: string;
            state: components["schemas"]["PayoutState"];
            tranche: string;
            txHash: string | null;
        };
        DocumentAnchoringDto: {
            /**
             * Format: date-time
             * @description Block time of the anchoring
             */
            anchoredAt: string | null;
            /** Format: uuid */
            batchId: string | null;
            blockNumber: number | null;
            chainId: number | null;
            contract: string | null;
            root: string | null;
            /**
             * @description PENDING: waiting for a batch; SEALED: in a batch, transaction not confirmed; ANCHORED: on chain
             * @enum {string}
             */
            state: "PENDING" | "SEALED" | "ANCHORED";
            txHash: string | null;
        };
        DocumentDto: {
            anchoring: components["schemas"]["DocumentAnchoringDto"];
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "INVOICE" | "UBL_INVOICE" | "KYC" | "POOL_TAPE" | "REPORT" | "CERTIFICATE" | "AUDIT_HEAD" | "OTHER";
            /**
             * @description Sniffed from the content
             * @enum {string}
             */
            mediaType: "application/pdf" | "application/xml" | "image/png" | "image/jpeg";
            name: string;
            /** Format: uuid */
            ownerOrganizationId: string;
            /** @description 0x-prefixed SHA-256 of the content */
            sha256: string;
            sizeBytes: number;
            /** Format: uuid */
            uploadedByUserId: string | null;
        };
        DocumentPageDto: {
            items: components["schemas"]["DocumentDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        ErrorBody: {
            /**
             * @description Domain error code, when there is one
             * @example BILL_ALREADY_FINANCED
             */
            code?: string;
            /** @description Structured detail, e.g. one entry per invalid field */
            details?: {
                [key: string]: unknown;
            } | unknown[];
            /**
             * @description HTTP reason phrase
             * @example Bad Request
             */
            error: string;
            /** @example Validation failed */
            message: string;
            /** @example 5b0c7c36-1b2f-4a55-9d0e-8d8c1c7b9f01 */
            requestId: string;
            /** @example 400 */
            statusCode: number;
        };
        FalsePositiveDto: {
            /** @description hitId from the latest screening run */
            hitId: string;
            /** @example Different legal entity: other country, other registration number. */
            reason: string;
        };
        FeaturesDto: {
            /** @description Whether the API requires a login */
            auth: boolean;
        };
        FinancierPortfolioDto: {
            /** @description the advances paid for them, minor units */
            advanceAmountMinor: string;
            /** @description financed bills the financier still holds, not yet paid */
            bills: number;
            currency: string;
            /** @description the discounts agreed on them, minor units */
            discountMinor: string;
            /** @description their face amounts, minor units */
            faceAmountMinor: string;
            /** @description the fees agreed on them, minor units */
            feesMinor: string;
            /** @description weighted-average annual discount rate of the accepted offers, weighted by the advance: round_half_even(sum(advance * rate) / sum(advance)), basis points */
            weightedDiscountRateBps: number;
            /** @description weighted-average days from value date to due date, weighted by the advance, half-even */
            weightedTenorDays: number;
        };
        FinancingDto: {
            /** Format: uuid */
            billId: string;
            currency: string;
            failureReason?: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            offerId: string;
            priceMinor: string;
            /** @enum {string} */
            state: "SETTLING" | "SETTLED" | "FAILED";
        };
        FinancingRequestDto: {
            /** Format: uuid */
            billId: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            requestedByOrganizationId: string;
            /** @enum {string} */
            state: "OPEN" | "CLOSED";
        };
        FingerprintCheckDto: {
            amountMinor: string;
            /** Format: uuid */
            buyerOrganizationId: string;
            currency: string;
            invoiceNumber: string;
            issueDate: string;
            /** Format: uuid */
            sellerOrganizationId: string;
        };
        FingerprintCheckResultDto: {
            /** @description It is financed, pledged or pooled */
            encumbered: boolean;
            /** @description The receivable is already registered (here or on chain) */
            registered: boolean;
        };
        GridAxesDto: {
            /**
             * @example [
             *       "0",
             *       "0.02",
             *       "0.05"
             *     ]
             */
            cdr: string[];
            /**
             * @example [
             *       "0.05",
             *       "0.15"
             *     ]
             */
            cpr: string[];
            /** @example 0 */
            delinquency?: string;
            /** @example 6 */
            recoveryLag: number;
            /**
             * @example [
             *       "0.4"
             *     ]
             */
            recoveryRate: string[];
        };
        GridRequestDto: {
            assets: components["schemas"]["ProjectionAssetDto"][];
            /** @description CDR × CPR × recovery; at most 64 combinations */
            axes: components["schemas"]["GridAxesDto"];
            /** @description Default: a sample A (80%) / M (10%) / equity deal on the tape */
            deal?: components["schemas"]["ProjectionDealDto"];
            /** @description Months to project (default: the longest remaining term) */
            months?: number;
            /**
             * @description Price per tranche in % of par, for the yield (default 100)
             * @example {
             *       "A": 100
             *     }
             */
            prices?: Record<string, never>;
        };
        GridResponseDto: {
            poolBalanceMinor: string;
            scenarios: components["schemas"]["ScenarioProjectionDto"][];
        };
        HashBatchDto: {
            blockNumber: number | null;
            /** Format: date-time */
            blockTimestamp: string | null;
            chainBatchId: string;
            /** Format: uuid */
            id: string;
            leafCount: number;
            leafIndex: number;
            root: string;
            txHash: string | null;
        };
        HashStatusDto: {
            batch: components["schemas"]["HashBatchDto"] | null;
            /** @example HASH */
            kind: string;
            /** @description Once anchored */
            receipt?: components["schemas"]["AnchorReceiptDto"];
            sha256: string;
            /** @enum {string} */
            state: "PENDING" | "SEALED" | "ANCHORED";
            /** Format: date-time */
            submittedAt: string;
        };
        HealthDto: {
            chain: components["schemas"]["ChainHealthDto"];
            database: components["schemas"]["DatabaseHealthDto"];
            /** @enum {string} */
            status: "ok" | "error";
        };
        InvestorOrderDto: {
            /** @description minor units, once allocated */
            allocatedMinor: string | null;
            /** @description minor units */
            amountMinor: string;
            createdAt: string;
            /** Format: uuid */
            id: string;
            investorLegalName: string | null;
            /** Format: uuid */
            investorOrganizationId: string;
            offering: components["schemas"]["OfferingDto"];
            /** Format: uuid */
            offeringId: string;
        };
        InvestorPortfolioDto: {
            /** @description newest first */
            distributions: components["schemas"]["DistributionDto"][];
            holdings: components["schemas"]["TrancheHoldingDto"][];
        };
        InvestorReportDto: {
            /** @description null: not published yet */
            csv: components["schemas"]["ReportFileDto"] | null;
            currency: string;
            /** Format: uuid */
            dealId: string;
            dealName: string;
            dealStatus: string;
            distributionDate: string;
            /** @description lower-case holder wallet → legal name */
            holderNames: {
                [key: string]: string;
            };
            /** @description every figure, minor units (a holder sees its own distribution lines and the total only) */
            lines: components["schemas"]["ReportLineDto"][];
            /** @description null: not published yet */
            pdf: components["schemas"]["ReportFileDto"] | null;
            period: number;
            recordDate: string;
            /** Format: uuid */
            runId: string;
            waterfallUsed: string;
        };
        IssueBillDto: {
            /**
             * @description Face amount, integer minor units as a decimal string
             * @example 125000
             */
            amountMinor: string;
            /**
             * Format: uuid
             * @description The obligor organization (an approved buyer)
             */
            buyerOrganizationId: string;
            /** @example EUR */
            currency: string;
            /**
             * Format: uuid
             * @description An uploaded invoice document of the supplier
             */
            documentId?: string;
            /** @example 2027-02-18 */
            dueDate: string;
            /** @example INV-2026-0042 */
            invoiceNumber: string;
            /** @example 2026-11-20 */
            issueDate: string;
        };
        ItemErrorDto: {
            /** @example HASH_MALFORMED */
            code: string;
            message: string;
        };
        KycQueueItemDto: {
            organization: components["schemas"]["OrganizationDto"];
            screening: components["schemas"]["ScreeningDto"];
        };
        /** @enum {string} */
        LeafState: "PENDING" | "SEALED" | "ANCHORED";
        LoginDto: {
            /** @example admin@demo.tally */
            email: string;
            password: string;
        };
        MakeOfferDto: {
            /**
             * @description share of the face amount advanced, basis points
             * @example 9000
             */
            advanceRateBps: number;
            /**
             * @description annual discount rate, basis points
             * @example 450
             */
            annualDiscountRateBps: number;
            /** @enum {string} */
            dayCount: "ACT/360" | "ACT/365";
            /** Format: date-time */
            expiresAt: string;
            /**
             * @description fees, minor units
             * @example 2500
             */
            feesMinor: string;
        };
        MeDto: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            organizationId: string;
            organizationName: string;
            roles: ("PLATFORM_ADMIN" | "KYC_OFFICER" | "AUDITOR" | "ORG_ADMIN" | "ORG_MEMBER")[];
            version: number;
        };
        MovementDto: {
            amountMinor: string;
            /**
             * Format: date-time
             * @description when the settlement agent recorded the movement
             */
            createdAt: string;
            currency: string;
            failureReason: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "DEPOSIT" | "WITHDRAWAL";
            /** Format: uuid */
            organizationId: string;
            reference: string;
            /** @enum {string} */
            state: "PENDING" | "CONFIRMED" | "FAILED";
        };
        OfferDto: {
            advanceAmountMinor: string;
            advanceRateBps: number;
            /** @description What the caller may do with the offer now (the holder accepts an open offer on a bill it may finance) */
            allowedActions: "accept"[];
            annualDiscountRateBps: number;
            /** Format: uuid */
            billId: string;
            dayCount: string;
            discountMinor: string;
            /** Format: date-time */
            expiresAt: string;
            feesMinor: string;
            /** Format: uuid */
            financierOrganizationId: string;
            /** Format: uuid */
            id: string;
            /** @description paid to the holder at settlement */
            netProceedsMinor: string;
            /** Format: uuid */
            requestId: string;
            /** @enum {string} */
            state: "OPEN" | "ACCEPTED" | "WITHDRAWN" | "LAPSED";
            tenorDays: number;
            valueDate: string;
        };
        OfferingDto: {
            className: string;
            closesAt: string;
            couponBps: number;
            currency: string;
            /** Format: uuid */
            dealId: string;
            dealName: string;
            /** @description minor units */
            denominationMinor: string;
            /** Format: uuid */
            id: string;
            rank: number;
            /** @description minor units */
            sizeMinor: string;
            /** @enum {string} */
            state: "OPEN" | "ALLOCATED";
        };
        OpenSubscriptionDto: {
            /**
             * @description orders are taken until then (or until the allocation)
             * @example 2026-07-10T16:00:00Z
             */
            closesAt: string;
        };
        OrderDto: {
            /** @description minor units, once allocated */
            allocatedMinor: string | null;
            /** @description minor units */
            amountMinor: string;
            createdAt: string;
            /** Format: uuid */
            id: string;
            investorLegalName: string | null;
            /** Format: uuid */
            investorOrganizationId: string;
            /** Format: uuid */
            offeringId: string;
        };
        OrganizationDto: {
            country: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            kycDecidedAt?: string | null;
            /** Format: date-time */
            kycExpiresAt?: string | null;
            kycNote?: string | null;
            /** @enum {string} */
            kycState: "DRAFT" | "SUBMITTED" | "APPROVED" | "REJECTED" | "SUSPENDED" | "EXPIRED";
            /** Format: date-time */
            kycSubmittedAt?: string | null;
            legalName: string;
            lei: string;
            peppolIds: string[];
            roles: ("SUPPLIER" | "BUYER" | "FINANCIER" | "ORIGINATOR" | "INVESTOR" | "AUDITOR" | "SERVICER" | "TRUSTEE" | "PLATFORM")[];
            vatId?: string | null;
            version: number;
        };
        OrganizationPageDto: {
            items: components["schemas"]["OrganizationDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        /** @enum {string} */
        PayoutState: "PENDING" | "PAID" | "FAILED";
        PeriodRunDto: {
            currency: string;
            /** Format: uuid */
            dealId: string;
            /** Format: uuid */
            decidedByUserId: string | null;
            distributionDate: string;
            /** Format: uuid */
            id: string;
            /** @description a holder sees its own only */
            payouts: components["schemas"]["RunPayoutDto"][];
            period: number;
            /** Format: uuid */
            proposedByUserId: string;
            recordDate: string;
            rejectReason: string | null;
            /** @description the engine's period, trigger status, factors, credit enhancement and the distribution (a holder sees its own lines only) */
            result: {
                [key: string]: unknown;
            };
            state: components["schemas"]["PeriodRunState"];
            totalDistributedMinor: string;
        };
        /** @enum {string} */
        PeriodRunState: "PROPOSED" | "APPROVED" | "DISTRIBUTING" | "DISTRIBUTED" | "REJECTED";
        PeriodRunSummaryDto: {
            currency: string;
            /** Format: uuid */
            dealId: string;
            dealName: string;
            /** @description the deal's status the engine ended the period in */
            dealStatus: string;
            /** @description YYYY-MM-DD */
            distributionDate: string;
            /** @description per tranche: original and outstanding balance (minor units) and factor (outstanding / original) */
            factors: {
                [key: string]: {
                    factor: string;
                    originalMinor: string;
                    outstandingMinor: string;
                };
            };
            /** Format: uuid */
            id: string;
            period: number;
            /** @description YYYY-MM-DD */
            recordDate: string;
            /** @description the investor report PDF is published */
            reportPublished: boolean;
            state: components["schemas"]["PeriodRunState"];
            /** @description minor units */
            totalDistributedMinor: string;
            /** @description trigger name → breached */
            triggers: {
                [key: string]: boolean;
            };
        };
        PlaceOrderDto: {
            /**
             * @description minor units, a whole number of notes
             * @example 1000000
             */
            amountMinor: string;
        };
        PoolAnalyticsDto: {
            asOf: string;
            /** @description minor units */
            balanceMinor: string;
            count: number;
            currency: string;
            /** @description by days past due: current, 1-30, 31-60, 61-90, >90 */
            delinquencyBuckets: components["schemas"]["BucketDto"][];
            /** @description minor units: the purchase price P the yield is measured at; null before a deal */
            discountYieldPriceMinor: string | null;
            /**
             * @description where P comes from: the deal's tranche sizes at par, or the closing's purchase price (the notes sold)
             * @enum {string|null}
             */
            discountYieldPriceSource: "DEAL" | "CLOSING" | null;
            /** @description by remaining term in days: due (≤ 0), 1-30, 31-60, 61-90, 91-180, 181-365, >365 */
            maturityBuckets: components["schemas"]["BucketDto"][];
            /** @description Herfindahl–Hirschman index of obligor balances on the 0–10,000 scale, floored */
            obligorHhi: number;
            /** Format: uuid */
            poolId: string;
            /** @description every seller, largest first */
            sellers: components["schemas"]["ConcentrationEntryDto"][];
            /** @description share of the top 5 obligors, bps, floored */
            top5ObligorsShareBps: number;
            /** @description largest obligors first */
            topObligors: components["schemas"]["ConcentrationEntryDto"][];
            /** @description balance-weighted discount yield, integer bps p.a. (simple, on the price, ACT/365 Fixed) of the assets not yet due, each bought at the pool's price percentage P/F; null without a price (no deal yet) or no asset with a remaining term */
            waDiscountYieldBps: number | null;
            /** @description balance-weighted remaining term, days, as a decimal string (2 places, half away from zero); null when empty */
            waRemainingTermDays: string | null;
        };
        PoolAssetDto: {
            addedAt: string;
            /** Format: uuid */
            billId: string;
            currency: string;
            dueDate: string;
            /** @description minor units */
            faceAmountMinor: string;
            invoiceNumber: string;
            issueDate: string;
            obligorLegalName: string | null;
            /** Format: uuid */
            obligorOrganizationId: string;
            sellerLegalName: string | null;
            /** Format: uuid */
            sellerOrganizationId: string;
            /** @description ERC-721 token id on the BillRegistry, decimal string */
            tokenId: string;
        };
        PoolBillResultDto: {
            /** Format: uuid */
            billId: string;
            /** @description Every criterion or limit the bill fails (empty when added) */
            errors: components["schemas"]["PoolRefusalDto"][];
            ok: boolean;
        };
        PoolCriteriaViewDto: {
            maxFaceAmountMinor: string | null;
            maxRemainingTermDays: number | null;
            minFaceAmountMinor: string | null;
            minRemainingTermDays: number | null;
        };
        PoolDto: {
            assetCount: number;
            /** @description minor units */
            balanceMinor: string;
            createdAt: string;
            currency: string;
            cutOffDate: string;
            eligibility: components["schemas"]["PoolCriteriaViewDto"];
            /** Format: uuid */
            id: string;
            limits: components["schemas"]["PoolLimitsViewDto"];
            lockedAt: string | null;
            name: string;
            /** Format: uuid */
            originatorOrganizationId: string;
            /** @enum {string} */
            state: "OPEN" | "LOCKED";
        };
        PoolEligibilityDto: {
            /** @example 50000000 */
            maxFaceAmountMinor?: string;
            /** @example 180 */
            maxRemainingTermDays?: number;
            /**
             * @description Face amount at least (minor units)
             * @example 100000
             */
            minFaceAmountMinor?: string;
            /**
             * @description Remaining term (days from today to the due date) at least
             * @example 30
             */
            minRemainingTermDays?: number;
        };
        PoolLimitsDto: {
            /**
             * @description Concentration limits are measured against max(pool balance after the addition, this); absent: the balance after the addition
             * @example 500000000
             */
            concentrationBaseMinor?: string;
            /** @example 10000 */
            maxAssetCount?: number;
            /**
             * @description Pool balance at most (minor units)
             * @example 1000000000
             */
            maxPoolBalanceMinor?: string;
            /**
             * @description One obligor at most this many bps of the pool balance
             * @example 1000
             */
            maxSingleObligorBps?: number;
            /**
             * @description One seller (the bill’s supplier) at most
             * @example 5000
             */
            maxSingleSellerBps?: number;
            /**
             * @description The five largest obligors together at most
             * @example 4000
             */
            maxTop5ObligorsBps?: number;
        };
        PoolLimitsViewDto: {
            concentrationBaseMinor: string | null;
            maxAssetCount: number | null;
            maxPoolBalanceMinor: string | null;
            maxSingleObligorBps: number | null;
            maxSingleSellerBps: number | null;
            maxTop5ObligorsBps: number | null;
        };
        PoolRefusalDto: {
            /** @enum {string} */
            code: "BILL_NOT_FOUND" | "DUPLICATE_IN_REQUEST" | "NOT_ACCEPTED" | "OVERDUE" | "ALREADY_POOLED" | "ENCUMBERED" | "NOT_HELD_BY_ORIGINATOR" | "CURRENCY_MISMATCH" | "REMAINING_TERM_TOO_SHORT" | "REMAINING_TERM_TOO_LONG" | "FACE_AMOUNT_TOO_SMALL" | "FACE_AMOUNT_TOO_LARGE" | "OBLIGOR_KYC_NOT_APPROVED" | "OBLIGOR_KYC_EXPIRED" | "CHAIN_PENDING" | "LIFECYCLE_REFUSED" | "SINGLE_OBLIGOR_LIMIT" | "TOP5_OBLIGORS_LIMIT" | "SINGLE_SELLER_LIMIT" | "POOL_BALANCE_LIMIT" | "POOL_COUNT_LIMIT";
            message: string;
        };
        ProjectionAssetDto: {
            /**
             * @description Outstanding balance in currency units, at most 2 decimals
             * @example 12500.00
             */
            balance: string;
            /**
             * @description Annual rate, decimal
             * @example 0.065
             */
            rate: string;
            /**
             * @description Months left
             * @example 60
             */
            remainingTerm: number;
        };
        ProjectionAssumptionsDto: {
            /**
             * @description Constant default rate (annual)
             * @example 0.02
             */
            cdr: string;
            /**
             * @description Constant prepayment rate (annual)
             * @example 0.10
             */
            cpr: string;
            /**
             * @description Share of each month's scheduled flows paid one month late
             * @example 0.05
             */
            delinquency?: string;
            /**
             * @description Months from default to recovery
             * @example 6
             */
            recoveryLag: number;
            /** @example 0.40 */
            recoveryRate: string;
        };
        ProjectionDealDto: {
            /** @description A tally-waterfall-case/1 `dates` (closing, calendars); default: closing 2026-01-15, month-end collections, distributions on the 20th */
            dates?: Record<string, never>;
            dealStatusAtStart?: Record<string, never>;
            indexRates?: Record<string, never>;
            /** @description A tally-waterfall-case/1 `structure` (accounts, bonds, fees, waterfalls, triggers) */
            structure: Record<string, never>;
        };
        ProjectionRequestDto: {
            assets: components["schemas"]["ProjectionAssetDto"][];
            assumptions: components["schemas"]["ProjectionAssumptionsDto"];
            /** @description Also compute each tranche’s breakeven CDR (bisection: ~20 deal runs per tranche) */
            breakeven?: boolean;
            /** @description Default: a sample A (80%) / M (10%) / equity deal on the tape */
            deal?: components["schemas"]["ProjectionDealDto"];
            /** @description Months to project (default: the longest remaining term) */
            months?: number;
            /**
             * @description Price per tranche in % of par, for the yield (default 100)
             * @example {
             *       "A": 100
             *     }
             */
            prices?: Record<string, never>;
        };
        ProjectionResponseDto: {
            assetCount: number;
            assumptions: components["schemas"]["ProjectionAssumptionsDto"];
            distributionDates: string[];
            months: number;
            poolBalanceMinor: string;
            /** @description Pool losses over the projection, minor units */
            poolLossMinor: string;
            tranches: components["schemas"]["TrancheProjectionDto"][];
        };
        ProposeFromDealDto: {
            /** @description A deal closed on chain */
            dealId: string;
            /** @example 2027-02-15 */
            distributionDate: string;
            finalPeriod?: boolean;
            period: number;
            /**
             * @description Holders are read on chain at the last block of this day (UTC), or at the head for today
             * @example 2027-02-15
             */
            recordDate: string;
        };
        ProposePeriodRunDto: {
            /** @enum {string} */
            currency: "EUR" | "USD" | "GBP";
            /** @description The deal: a tally-waterfall-case/1 input half (dates, dealStatusAtStart, indexRates, pool, structure) */
            dealCase: Record<string, never>;
            dealId: string;
            /** @example 2022-02-20 */
            distributionDate: string;
            finalPeriod?: boolean;
            /**
             * @description Per tranche: [{ holder: address, balanceMinor }] at the record date
             * @example {
             *       "A": [
             *         {
             *           "holder": "0x…",
             *           "balanceMinor": "100000"
             *         }
             *       ]
             *     }
             */
            holders: Record<string, never>;
            period: number;
            /** @example 2022-02-20 */
            recordDate: string;
            rows: components["schemas"]["CollectionRowDto"][];
            vaultAddress: string;
        };
        ReasonBillDto: {
            reason: string;
        };
        ReasonDto: {
            /** @example Beneficial owner could not be verified. */
            reason: string;
        };
        ReconciliationDifferenceDto: {
            /**
             * Format: uuid
             * @description The bill concerned, when there is one
             */
            billId: string | null;
            /** @description What the chain says (at the confirmed tip) */
            chain: string | null;
            /** @description What the database says */
            database: string | null;
            /**
             * @description What disagrees: a bill, a financing, a payment, a settlement movement, an outbox job or a deal closing (libs/securitization)
             * @enum {string}
             */
            entity: "bill" | "financing" | "bill_payment" | "settlement_movement" | "chain_job" | "deal_closing";
            /** Format: uuid */
            entityId: string;
            /**
             * @description exists, status, chainStatus, holder, encumbrance, amount, currency, dueDate, fingerprint, pendingAction, settled, state, depositRef, withdrawalRef, transaction, events
             * @example holder
             */
            field: string;
        };
        RecordMovementDto: {
            /**
             * @description minor units
             * @example 10000000
             */
            amountMinor: string;
            /** @example EUR */
            currency: string;
            /** Format: uuid */
            organizationId: string;
            /**
             * @description the bank's reference (unique)
             * @example SEPA-2026-11-21-000123
             */
            reference: string;
        };
        RefreshDto: {
            refreshToken: string;
        };
        RejectPeriodRunDto: {
            reason: string;
        };
        ReportFileDto: {
            anchoredAt: string | null;
            blockNumber: number | null;
            chainId: number | null;
            /** @description the DocumentAnchor contract */
            contract: string | null;
            /** @description the batch's Merkle root */
            root: string | null;
            /** @description 0x-prefixed SHA-256 of the file */
            sha256: string;
            state: components["schemas"]["LeafState"];
            txHash: string | null;
        };
        ReportLineDto: {
            /** @example interestPaidMinor */
            field: string;
            /** @example tranche:A */
            item: string;
            /** @enum {string} */
            section: "pool" | "waterfall" | "tranche" | "trigger" | "distribution";
            value: string;
        };
        RunPayoutDto: {
            amountMinor: string;
            /** @description the holder's wallet */
            holder: string;
            /** @description bytes32 payment id of SpvVault.payOut */
            paymentId: string;
            state: components["schemas"]["PayoutState"];
            tranche: string;
        };
        ScenarioProjectionDto: {
            assumptions: components["schemas"]["ProjectionAssumptionsDto"];
            distributionDates: string[];
            /** @description Pool losses over the projection, minor units */
            poolLossMinor: string;
            tranches: components["schemas"]["TrancheProjectionDto"][];
        };
        ScreeningDto: {
            hits: components["schemas"]["ScreeningHitDto"][];
            listSha256: string | null;
            /** Format: date-time */
            runAt: string | null;
            /** Format: uuid */
            runId: string | null;
            /** @enum {string} */
            status: "NOT_RUN" | "CLEAR" | "HIT" | "CLEARED";
            threshold: number | null;
        };
        ScreeningHitDto: {
            /** @description true when an officer recorded it as a false positive */
            cleared: boolean;
            clearedReason?: string | null;
            country?: string | null;
            hitId: string;
            listName: string;
            matchedName: string;
            queryName: string;
            /** @description similarity 0..1 */
            score: number;
        };
        ServicedDealDto: {
            currency: string;
            /** Format: uuid */
            dealId: string;
            dealName: string;
            firstDistributionDate: string | null;
            lastDistributionDate: string | null;
            /** @description the last approved period, 0 for none */
            lastPeriod: number;
            /** @description a period waiting for the trustee */
            pendingPeriod: number | null;
        };
        SplitBillDto: {
            /**
             * @description Part amounts (minor units), summing to the face amount
             * @example [
             *       "50000",
             *       "50000",
             *       "25000"
             *     ]
             */
            amountsMinor: string[];
        };
        StatementDto: {
            /** @description newest first */
            lines: components["schemas"]["StatementLineDto"][];
            /** Format: uuid */
            organizationId: string;
            organizationName: string;
            /** @description per currency, confirmed lines only */
            totals: components["schemas"]["StatementTotalDto"][];
        };
        StatementLineDto: {
            /** @description minor units, always positive; the direction gives the sign */
            amountMinor: string;
            /** @description the other leg of a DvP, in words */
            assetLeg: string | null;
            /** Format: date-time */
            at: string;
            /** Format: uuid */
            billId: string | null;
            /** @description the other side of the cash leg: an organization's legal name, or a role such as the settlement agent */
            counterparty: string;
            currency: string;
            /** @enum {string} */
            direction: "IN" | "OUT";
            id: string;
            invoiceNumber: string | null;
            kind: components["schemas"]["StatementLineKind"];
            reference: string | null;
            state: components["schemas"]["StatementLineState"];
        };
        /** @enum {string} */
        StatementLineKind: "DEPOSIT" | "WITHDRAWAL" | "FINANCING_PAID" | "FINANCING_RECEIVED" | "REPAYMENT_PAID" | "REPAYMENT_RECEIVED" | "BILL_PAYMENT_PAID" | "BILL_PAYMENT_RECEIVED" | "DISTRIBUTION_RECEIVED";
        /** @enum {string} */
        StatementLineState: "PENDING" | "CONFIRMED" | "FAILED";
        StatementTotalDto: {
            currency: string;
            /** @description confirmed inflows, minor units */
            inMinor: string;
            lines: number;
            /** @description inMinor - outMinor (may be negative) */
            netMinor: string;
            /** @description confirmed outflows, minor units */
            outMinor: string;
        };
        StatusDto: {
            chain: components["schemas"]["ChainHealthDto"];
            contracts: components["schemas"]["DeployedContractDto"][];
            database: components["schemas"]["DatabaseHealthDto"];
            features: components["schemas"]["FeaturesDto"];
            jobs: components["schemas"]["ChainJobCountsDto"] | null;
            /** @enum {string} */
            mode: "embedded" | "server";
            version: string;
        };
        SubmitHashesDto: {
            /**
             * @description SHA-256 hashes (64 hex digits, optionally 0x-prefixed); each is answered on its own
             * @example [
             *       "0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
             *     ]
             */
            hashes: string[];
        };
        SubmitHashesResponseDto: {
            accepted: number;
            items: components["schemas"]["BulkHashResultDto"][];
            rejected: number;
        };
        TokenPairDto: {
            accessToken: string;
            /** @description access token lifetime, seconds */
            expiresIn: number;
            refreshToken: string;
        };
        TrancheHoldingDto: {
            /** @description notes allocated to the investor, face in minor units */
            allocatedMinor: string;
            /**
             * @description the deal's closing state, null before closing
             * @enum {string|null}
             */
            closingState: "REQUESTED" | "ASSETS_SOLD" | "NOTES_ISSUED" | "CLOSED" | "FAILED" | null;
            currency: string;
            /** Format: uuid */
            dealId: string;
            dealName: string;
            /** @description distributions paid on this tranche to the investor, minor units */
            distributedMinor: string;
            /** @description notes delivered to the investor's wallet, face in minor units: the allocation once its DvP step of the deal's closing is DONE (settled on chain); null before */
            noteBalanceMinor: string | null;
            /** @description what the investor ordered, minor units */
            orderedMinor: string;
            /** @description the tranche class, e.g. A, B, EQUITY */
            tranche: string;
        };
        TrancheProjectionDto: {
            /** @description Balance after each distribution date, minor units */
            balancesMinor: string[];
            /** @description Highest CDR with no principal or interest loss */
            breakevenCdr?: number | null;
            /** @description Principal not repaid, share of the starting balance */
            lossPct: number;
            /**
             * @example {
             *       "first": "2026-02-20",
             *       "last": "2031-06-20"
             *     }
             */
            principalWindow: Record<string, never> | null;
            tranche: string;
            /** @description Weighted average life, years (ACT/365 from closing) */
            walYears: number | null;
            /** @description Annual IRR at the price */
            yield: number | null;
        };
        TrancheTermsDto: {
            /** @example A */
            className: string;
            /**
             * @description fixed coupon, bps per annum (0 for the equity class)
             * @example 350
             */
            couponBps: number;
            /**
             * @description note denomination, minor units
             * @example 100000
             */
            denominationMinor: string;
            /** @description the equity (residual) class */
            equity?: boolean;
            /**
             * @description 1 = most senior; equal ranks share pro rata
             * @example 1
             */
            rank: number;
            /**
             * @description minor units
             * @example 80000000
             */
            sizeMinor: string;
        };
        TransferBillDto: {
            /**
             * Format: uuid
             * @description The endorsee: another approved organization
             */
            toOrganizationId: string;
        };
        TriggerTermsDto: {
            /**
             * @description principal pro-rata → sequential; TRAP_EXCESS_SPREAD also keeps the residual in the reserve
             * @enum {string}
             */
            effect: "SEQUENTIAL_PRINCIPAL" | "TRAP_EXCESS_SPREAD";
            /** @enum {string} */
            kind: "OC_RATIO_BELOW" | "CUMULATIVE_DEFAULT_ABOVE";
            /** @example oc-test */
            name: string;
            /**
             * @description OC ratio (pool / notes) or cumulative default ratio, bps
             * @example 10500
             */
            thresholdBps: number;
        };
        TrueSaleSummaryDto: {
            batches: number;
            bills: number;
            billsSold: number;
            /** @description gas per sold bill (floored) */
            gasPerBill: string | null;
            /** @description gas of the confirmed batches */
            gasUsed: string;
        };
        UpdateOrganizationDto: {
            legalName?: string;
            peppolIds?: string[];
            /**
             * @description VAT identifier with its country prefix; spaces, dots and dashes are dropped
             * @example DE123456789
             */
            vatId?: string;
        };
        UpdateUserDto: {
            /** @description false: the user can no longer log in, and every session ends */
            active?: boolean;
            name?: string;
            password?: string;
            roles?: ("PLATFORM_ADMIN" | "KYC_OFFICER" | "AUDITOR" | "ORG_ADMIN" | "ORG_MEMBER")[];
        };
        UserDto: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            organizationId: string;
            roles: ("PLATFORM_ADMIN" | "KYC_OFFICER" | "AUDITOR" | "ORG_ADMIN" | "ORG_MEMBER")[];
            version: number;
        };
        UserPageDto: {
            items: components["schemas"]["UserDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        VerificationCheckDto: {
            /** @example proof */
            check: string;
            detail: string;
            ok: boolean;
        };
        VerificationResultDto: {
            /** @description Anchored, and the chain confirms it */
            anchored: boolean;
            /**
             * Format: date-time
             * @description Block time of the anchoring, from the contract
             */
            anchoredAt?: string;
            batchId?: string;
            blockNumber?: number;
            chainId?: number;
            checks: components["schemas"]["VerificationCheckDto"][];
            /**
             * @description Why not
             * @enum {string}
             */
            code?: "MALFORMED" | "NOT_SUBMITTED" | "NOT_YET_ANCHORED" | "DOCUMENT_MISMATCH" | "LEAF_MISMATCH" | "PROOF_INVALID" | "CHAIN_MISMATCH" | "CONTRACT_NOT_FOUND" | "ROOT_NOT_ANCHORED" | "BATCH_MISMATCH" | "BLOCK_MISMATCH" | "TX_MISMATCH" | "PROOF_REJECTED_ON_CHAIN" | "CHAIN_UNREACHABLE";
            contract?: string;
            documentHash: string;
            /** @description Why not, in words */
            reason?: string;
            /** @description Keep it to verify later without Tally */
            receipt?: components["schemas"]["AnchorReceiptDto"];
            root?: string;
            /** @enum {string} */
            status: "ANCHORED" | "PENDING" | "NOT_FOUND" | "INVALID";
            txHash?: string;
        };
        VerifyBatchDto: {
            /** @description SHA-256 hashes; each is answered on its own */
            sha256: string[];
        };
        VerifyBatchResponseDto: {
            anchored: number;
            items: components["schemas"]["VerificationResultDto"][];
            notAnchored: number;
        };
        VerifyReceiptDto: {
            /** @description The receipt.json of the document */
            receipt: components["schemas"]["AnchorReceiptDto"];
            /** @description The document's SHA-256, to check it is the receipt's document */
            sha256?: string;
        };
        WalletDto: {
            address: string;
            /**
             * @description What the outbox has done in the IdentityRegistry
             * @enum {string}
             */
            chainStatus: "NOT_REGISTERED" | "REGISTERING" | "REGISTERED" | "REMOVING";
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "CUSTODIAL" | "EXTERNAL";
            /** Format: uuid */
            organizationId: string;
            /** @description IdentityRegistry.isVerified now (null: chain unreachable) */
            verifiedOnChain?: boolean | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    AnchorsController_batches: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "SEALED" | "ANCHORED" | "FAILED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnchorBatchPageDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AnchorsController_batch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnchorBatchDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AnchorsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitHashesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitHashesResponseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description More than 100,000 hashes, or a body over 16 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AnchorsController_hash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HashStatusDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Never submitted */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                action?: string;
                /** @description part of the actor (a user's email, or system), case-insensitive */
                actor?: string;
                entity?: string;
                entityId?: string;
                from?: string;
                organizationId?: string;
                page?: number;
                pageSize?: number;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AuditController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerificationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AuthController_acceptInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInviteDto"];
            };
        };
        responses: {
            /** @description INVITE_INVALID: unknown, used or expired link; or a bad password */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown email or wrong password (indistinguishable) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Locked out for a while; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    AuthController_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_list: {
        parameters: {
            query?: {
                /** @description supplier, buyer or holder */
                counterpartyId?: string;
                dueFrom?: string;
                dueTo?: string;
                holderId?: string;
                /** @description include bills replaced by their split parts */
                includeSuperseded?: "true" | "false";
                /** @description default ASC */
                order?: "ASC" | "DESC";
                page?: number;
                pageSize?: number;
                /** @description search: part of the invoice number (case-insensitive) */
                q?: string;
                /** @description default dueDate */
                sort?: "dueDate" | "issueDate" | "faceAmount" | "invoiceNumber" | "createdAt";
                state?: "DRAFT" | "ISSUED" | "ACCEPTED" | "PAID" | "OVERDUE" | "DEFAULTED" | "CANCELLED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillPageDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueBillDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDetailDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptBillDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_pdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonBillDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_requestFinancing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinancingRequestDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_offers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_pay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonBillDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_split: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SplitBillDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_transfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferBillDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillIntakeController_bulk: {
        parameters: {
            query?: never;
            header: {
                "idempotency-key": string;
                /** @description Resumes the intake of this key: rows already committed are not read again */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description Up to 100000 rows: JSON lines, or CSV with a header, of buyerOrganizationId, invoiceNumber, amountMinor, currency, issueDate, dueDate */
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description { intakeId, idempotencyKey, rows, ok, failed, results: [{ row, ok, billId | error { code, message } }] } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillIntakeController_result: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_duplicateAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_exportCsv: {
        parameters: {
            query?: {
                /** @description supplier, buyer or holder */
                counterpartyId?: string;
                dueFrom?: string;
                dueTo?: string;
                holderId?: string;
                /** @description include bills replaced by their split parts */
                includeSuperseded?: "true" | "false";
                /** @description default ASC */
                order?: "ASC" | "DESC";
                page?: number;
                pageSize?: number;
                /** @description search: part of the invoice number (case-insensitive) */
                q?: string;
                /** @description default dueDate */
                sort?: "dueDate" | "issueDate" | "faceAmount" | "invoiceNumber" | "createdAt";
                state?: "DRAFT" | "ISSUED" | "ACCEPTED" | "PAID" | "OVERDUE" | "DEFAULTED" | "CANCELLED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_fingerprintCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FingerprintCheckDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FingerprintCheckResultDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_importUbl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * @description for invoices without BT-9
                     * @example 2026-12-31
                     */
                    dueDate?: string;
                    files?: string[];
                };
            };
        };
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    BillsController_marketplace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description State machine, encumbrance, pending chain action, duplicate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ChainJobsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainJobDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ChainJobsController_summary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainJobCountsDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    CounterpartiesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CounterpartyDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClosingDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description CLOSING_EXISTS, POOL_NOT_CUT_OFF, OFFERING_NOT_ALLOCATED, CLOSING_NOT_POSSIBLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_closing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClosingDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_dealOfferings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealOfferingDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_open: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                className: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenSubscriptionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferingDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DocumentsController_list: {
        parameters: {
            query?: {
                kind?: "INVOICE" | "UBL_INVOICE" | "KYC" | "POOL_TAPE" | "REPORT" | "CERTIFICATE" | "AUDIT_HEAD" | "OTHER";
                page?: number;
                pageSize?: number;
                /** @description Exact SHA-256 of the content */
                sha256?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentPageDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DocumentsController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                    /** @enum {string} */
                    kind?: "INVOICE" | "UBL_INVOICE" | "KYC" | "POOL_TAPE" | "REPORT" | "CERTIFICATE" | "AUDIT_HEAD" | "OTHER";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description This organization already holds this content: the first document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentDto"];
                };
            };
            /** @description Stored, and queued for anchoring */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentDto"];
                };
            };
            /** @description No file part, an empty file, or a bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not a PDF, XML, PNG or JPEG */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DocumentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DocumentsController_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not anchored yet */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DocumentsController_content: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DocumentsController_receipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnchorReceiptDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not anchored yet */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    FinancingController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinancingDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    FinancingController_financierPortfolio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinancierPortfolioDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    FinancingController_offer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MakeOfferDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    InvestorPortfolioController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorPortfolioDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    KycQueueController_queue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KycQueueItemDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_offerings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferingDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_allocate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_orders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_order: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaceOrderDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description SUBSCRIPTION_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    DealsController_myOrders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorOrderDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_list: {
        parameters: {
            query?: {
                kycState?: "DRAFT" | "SUBMITTED" | "APPROVED" | "REJECTED" | "SUSPENDED" | "EXPIRED";
                page?: number;
                pageSize?: number;
                /** @description Case-insensitive part of the legal name */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPageDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganizationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description LEI_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganizationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveKycDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description KYC_TRANSITION_NOT_ALLOWED, KYC_SCREENING_HIT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_kycDocumentsOf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_addKycDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_resubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description KYC_TRANSITION_NOT_ALLOWED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_screening: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScreeningDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_rescreen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScreeningDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_falsePositive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FalsePositiveDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScreeningDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description KYC_TRANSITION_NOT_ALLOWED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_suspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_listWallets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_bind: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BindWalletDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    OrganizationsController_challenge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChallengeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChallengeDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or another organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePoolDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_analytics: {
        parameters: {
            query?: {
                /** @description Terms and delinquency as of this day (default: today, UTC) */
                asOf?: string;
                /** @description How many of the largest obligors to list (1–100, default 10) */
                top?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolAnalyticsDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_assets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolAssetDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_proof: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                billId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_addBills: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddPoolBillsDto"];
            };
        };
        responses: {
            /** @description At least one bill added */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddPoolBillsResultDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description POOL_ADDITION_REFUSED (no bill added; details.results per bill), POOL_NOT_OPEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_deal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_createDeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDealDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description POOL_NOT_LOCKED, DEAL_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_lock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description POOL_NOT_OPEN, POOL_EMPTY */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_tape: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_tapeCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    PoolsController_tapePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/pdf; header X-Content-SHA256: the anchored hash */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Unknown, or not visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description POOL_NOT_LOCKED (before the cut-off lock), POOL_TAPE_PDF_MISSING */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ProjectionsController_project: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectionRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectionResponseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The engine refused the deal or the assumptions (PROJECTION_INVALID) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ProjectionsController_grid: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GridRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GridResponseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ReconciliationController_diff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationDifferenceDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicedDealsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServicedDealDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_list: {
        parameters: {
            query?: {
                /** @description one deal's runs */
                dealId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeriodRunSummaryDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_propose: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposePeriodRunDto"];
            };
        };
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeriodRunDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectPeriodRunDto"];
            };
        };
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_report: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorReportDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_csv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_pdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_publishCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_publishPdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ServicingController_proposeFromDeal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposeFromDealDto"];
            };
        };
        responses: {
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    SettlementController_deposit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordMovementDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MovementDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    SettlementController_balances: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BalanceDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    SettlementController_movements: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MovementDto"][];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    SettlementController_statement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatementDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    SettlementController_statementPdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/pdf */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    SettlementController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordMovementDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MovementDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    StatusController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                organizationId?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description EMAIL_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller lacks the role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    VerifyController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: binary */
                    file?: string;
                    sha256?: string;
                };
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                    sha256?: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationResultDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the per-IP budget; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    VerifyController_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyBatchDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyBatchResponseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the per-IP budget; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    VerifyController_receipt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyReceiptDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationResultDto"];
                };
            };
            /** @description Not a receipt (each bad field is listed in details.problems) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the per-IP budget; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    HealthController_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Database and chain are up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description The database or the chain is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
}
