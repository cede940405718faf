using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Every construct's schema, in one public catalogue: the binder checks field names against
/// it, and an editor can offer its fields for completion and its docs for hover.
/// </summary>
public static class SchemaCatalog
{
    /// <summary>The roles fees can be paid to, as the language names them.</summary>
    public static readonly ImmutableArray<string> FeeRoles = ["sequencer", "builder", "prover", "data_availability", "treasury"];

    /// <summary>The top level of a scenario file.</summary>
    public static readonly ConstructSchema File = new(
        "file",
        "What a scenario file holds at its top level.",
        new FieldSchema("scenario", FieldKind.Block, "The scenario: `scenario \"NAME\" { ... }`, exactly one per file.") { Required = true },
        new FieldSchema("sweep", FieldKind.Form, "A parameter sweep: `sweep PATH in [VALUE, ...] runs N`.") { Repeatable = true },
        new FieldSchema("import", FieldKind.Form, "Reads tokens, an L1 and rollup templates from another file: `import \"FILE\"`.") { Repeatable = true });

    /// <summary>The top level of an imported file.</summary>
    public static readonly ConstructSchema ImportedFile = new(
        "import",
        "What an imported file may declare.",
        new FieldSchema("token", FieldKind.Block, "A token the importing scenario can use.") { Repeatable = true },
        new FieldSchema("l1", FieldKind.Block, "The L1 of a scenario that declares none.") { Repeatable = true },
        new FieldSchema("rollup", FieldKind.Block, "A rollup template that a scenario's rollups can be `like`.") { Repeatable = true },
        new FieldSchema("import", FieldKind.Form, "Another imported file.") { Repeatable = true });

    /// <summary><c>scenario "NAME" { ... }</c>.</summary>
    public static readonly ConstructSchema Scenario = new(
        "scenario",
        "A simulated world: an L1, its rollups, the users and what to expect.",
        new FieldSchema("seed", FieldKind.WholeNumber, "The root of every random draw.") { Minimum = 0, Maximum = ulong.MaxValue, Default = "1", Range = "0 … 18_446_744_073_709_551_615" },
        new FieldSchema("duration", FieldKind.Time, "How much simulated time the run covers.") { Minimum = Ms(1), Maximum = Seconds(30L * 24 * 3600), Required = true, Range = "1 ms … 720 h" },
        new FieldSchema("token", FieldKind.Block, "Declares a fungible token, whose name becomes a unit: `token NAME { decimals = N }`.") { Repeatable = true },
        new FieldSchema("l1", FieldKind.Block, "The L1 the rollups settle on.") { Default = "ethereum { slot_time = 12 s }" },
        new FieldSchema("rollup", FieldKind.Block, "Declares a rollup: `rollup NAME [like OTHER] { ... }`.") { Required = true, Repeatable = true },
        new FieldSchema("workload", FieldKind.Block, "The users and traders who send transactions.") { Default = "none: no transactions" },
        new FieldSchema("expect", FieldKind.Block, "Assertions checked after the run.") { Default = "none" },
        new FieldSchema("hooks", FieldKind.Block, "The budget of every C# hook call.") { Default = "max_steps = 1_000_000  max_call_depth = 256  max_allocated = 64 MiB" },
        new FieldSchema("provers", FieldKind.Block, "A set of provers for some rollups: `provers for A, B { ... }`.") { Repeatable = true },
        new FieldSchema("shared_sequencer", FieldKind.Block, "One sequencer for several rollups: `shared_sequencer NAME for A, B { ... }`.") { Repeatable = true },
        new FieldSchema("builder", FieldKind.Block, "A builder of several rollups' blocks (`builder NAME for A, B { ... }`), or a PBS builder of one rollup's (`builder NAME for A { ... }`).") { Repeatable = true },
        new FieldSchema("fees", FieldKind.Block, "The fee rule of every rollup that declares none of its own.") { Default = "none" });

    /// <summary><c>hooks { ... }</c>.</summary>
    public static readonly ConstructSchema Hooks = new(
        "hooks",
        "The budget of every C# hook call.",
        new FieldSchema("max_steps", FieldKind.WholeNumber, "The most steps one hook call may run.") { Minimum = 1_000, Maximum = 1_000_000_000_000, Default = "1_000_000", Range = "1_000 … 1_000_000_000_000" },
        new FieldSchema("max_call_depth", FieldKind.WholeNumber, "The deepest call stack a hook call may reach.") { Minimum = 1, Maximum = 1_000, Default = "256", Range = "1 … 1_000" },
        new FieldSchema("max_allocated", FieldKind.Size, "The most memory one hook call may allocate.") { Minimum = 1024, Maximum = 16L * 1024 * 1024 * 1024, Default = "64 MiB", Range = "1 KiB … 16 GiB" });

    /// <summary><c>token NAME { ... }</c>.</summary>
    public static readonly ConstructSchema Token = new(
        "token",
        "A fungible token besides ether.",
        new FieldSchema("decimals", FieldKind.WholeNumber, "How many decimals the token's smallest unit has.") { Minimum = 0, Maximum = 24, Default = "18", Range = "0 … 24" });

    /// <summary><c>l1 NAME { ... }</c>.</summary>
    public static readonly ConstructSchema L1 = new(
        "l1",
        "The L1 chain the rollups post to.",
        new FieldSchema("slot_time", FieldKind.Time, "The time between L1 blocks.") { Minimum = Ms(100), Maximum = Seconds(3600), Default = "12 s", Range = "100 ms … 1 h" },
        new FieldSchema("fork", FieldKind.Choice, "The L1 fork, which sets the blob market.") { Default = "prague", Choices = [.. Model.L1Model.KnownForks] },
        new FieldSchema("base_fee", FieldKind.Ether, "The execution base fee per gas at genesis.") { Default = "1 gwei", Range = "1 wei … 1 eth" },
        new FieldSchema("background_gas", FieldKind.Percentage, "The share of the gas limit other L1 users fill in every block.") { Default = "50 %", Range = "0 % … 100 %" },
        new FieldSchema("blobs", FieldKind.Block, "Overrides of the fork's blob market.") { Default = "the fork's" },
        new FieldSchema("finality", FieldKind.Time, "The time from inclusion in an L1 block to its finality.") { Minimum = 0, Maximum = Seconds(7 * 24 * 3600), Default = "64 × slot_time", Range = "0 … 7 day" });

    /// <summary><c>blobs { ... }</c> in <c>l1</c>.</summary>
    public static readonly ConstructSchema Blobs = new(
        "l1.blobs",
        "The L1 blob market.",
        new FieldSchema("target", FieldKind.WholeNumber, "The blobs per block the blob base fee aims at.") { Minimum = 0, Maximum = 1024, Default = "the fork's", Range = "0 … 1024, at most `max`" },
        new FieldSchema("max", FieldKind.WholeNumber, "The most blobs one L1 block holds.") { Minimum = 1, Maximum = 1024, Default = "the fork's", Range = "1 … 1024" },
        new FieldSchema("update_fraction", FieldKind.WholeNumber, "How fast the blob base fee moves.") { Minimum = 1, Maximum = ulong.MaxValue >> 8, Default = "the fork's" },
        new FieldSchema("base_fee", FieldKind.Ether, "The blob base fee per blob gas at genesis.") { Default = "1 wei", Range = "1 wei … 1 eth" },
        new FieldSchema("background", FieldKind.WholeNumber, "The blobs other L1 users post in every block.") { Minimum = 0, Maximum = 1024, Default = "0", Range = "0 … `max`" });

    /// <summary><c>rollup NAME { ... }</c>.</summary>
    public static readonly ConstructSchema Rollup = new(
        "rollup",
        "A rollup and its sequencer.",
        new FieldSchema("block_time", FieldKind.Time, "The time between the rollup's blocks.") { Minimum = Ms(1), Maximum = Seconds(3600), Required = true, Range = "1 ms … 1 h" },
        new FieldSchema("gas_limit", FieldKind.Gas, "The gas one block may use.") { Minimum = 21_000, Maximum = 10_000_000_000, Default = "30_000_000", Range = "21_000 … 10_000_000_000" },
        new FieldSchema("ordering", FieldKind.Choice, "How the sequencer orders its mempool, or a C# hook.") { Default = "fcfs", Choices = OrderingRuleNames.All },
        new FieldSchema("base_fee", FieldKind.Ether, "The base fee per gas.") { Default = "0.001 gwei", Range = "0 … 1 eth" },
        new FieldSchema("accounts", FieldKind.Form, "The user accounts and their funding: `accounts N funded X[, TOKEN_AMOUNT ...]`.") { Required = true, Range = "N: 2 … 16_000_000; X: 0 … 1_000_000_000 eth" },
        new FieldSchema("amm", FieldKind.Block, "A constant-product pool: `amm \"BASE/QUOTE\" { ... }`.") { Repeatable = true },
        new FieldSchema("batch", FieldKind.Block, "How the rollup's batches are posted to L1.") { Default = "every = 1 min  to = L1.blobs  compression = brotli" },
        new FieldSchema("derivation", FieldKind.Choice, "The rules that re-derive the rollup from L1 data: `standard { ... }` or a C# hook.") { Default = "standard", Choices = ["standard"] },
        new FieldSchema("fees", FieldKind.Block, "Who receives the rollup's fees.") { Default = "the scenario's `fees`, or the built-in rule" },
        new FieldSchema("withdrawal_delay", FieldKind.Time, "How long a withdrawal waits on L1 after its batch lands, or `proof`: until its block's proof is verified on L1 (a proven rollup).") { Minimum = 0, Maximum = Seconds(365L * 24 * 3600), Default = "7 day", Range = "0 … 365 day, or `proof`" },
        new FieldSchema("sequencer", FieldKind.Block, "The sequencer's outages, censorship and withholding.") { Default = "never fails" },
        new FieldSchema("forced_inclusion", FieldKind.Choice, "How users get around the sequencer.") { Default = "none", Choices = ["none", "deposits", "delayed_inbox"] },
        new FieldSchema("auction", FieldKind.Block, "The price rule of a rollup with `ordering = auction`.") { Default = "price = first" },
        new FieldSchema("pbs", FieldKind.Block, "The proposer's auction of a rollup with PBS builders (`builder NAME for A`).") { Default = "price = first  deadline = 100 ms" },
        new FieldSchema("validity", FieldKind.Hook, "A C# hook that accepts or rejects each transaction before it executes.") { Default = "none" },
        new FieldSchema("flashblocks", FieldKind.Time, "Streams each block as sub-blocks this far apart, each a soft confirmation.") { Minimum = Ms(1), Maximum = Seconds(3600), Default = "none", Range = "1 ms … 1 h; below `block_time`, dividing it exactly" },
        new FieldSchema("express_lane", FieldKind.Block, "Timeboost's express lane: rounds sold in a sealed-bid auction, every other transaction delayed.") { Default = "none" },
        new FieldSchema("mempool", FieldKind.Block, "The pool's defences against spam: proof of work, rate limits, caps with eviction, the replacement bump, private order flow.") { Default = "no limits, 10 % replacement bump, public" });

    /// <summary><c>batch { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema Batch = new(
        "rollup.batch",
        "How a rollup's batches are posted to L1.",
        new FieldSchema("every", FieldKind.Time, "The time between batches.") { Minimum = Ms(1), Maximum = Seconds(24 * 3600), Default = "1 min", Range = "1 ms … 24 h" },
        new FieldSchema("to", FieldKind.Choice, "Where batches go: `L1NAME.blobs`, `L1NAME.calldata`, or `L1NAME.auto` (each batch to whichever is cheaper when it is posted).") { Default = "L1NAME.blobs" },
        new FieldSchema("compression", FieldKind.Choice, "How batches are compressed.") { Default = "brotli", Choices = ["brotli", "zlib", "none"] },
        new FieldSchema("choose", FieldKind.Hook, "With `to = L1NAME.auto`: a C# hook that returns `DaChoice.Blobs` or `DaChoice.Calldata` for each batch, instead of the cheaper of the two.") { Default = "none" });

    /// <summary><c>derivation = standard { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema Derivation = new(
        "rollup.derivation.standard",
        "The bounds of standard derivation (OP Stack mainnet's by default).",
        new FieldSchema("sequencing_window", FieldKind.WholeNumber, "How many L1 blocks after its L1 origin a block's batch may land.") { Minimum = 1, Maximum = 1_000_000, Default = "3_600", Range = "1 … 1_000_000" },
        new FieldSchema("channel_timeout", FieldKind.WholeNumber, "How many L1 blocks a channel's frames may span.") { Minimum = 1, Maximum = 1_000_000, Default = "50", Range = "1 … 1_000_000" },
        new FieldSchema("max_sequencer_drift", FieldKind.Time, "How far ahead of its L1 origin an L2 block may be.") { Minimum = 0, Maximum = Seconds(24 * 3600), Default = "30 min", Range = "0 … 24 h" });

    /// <summary><c>sequencer { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema Sequencer = new(
        "rollup.sequencer",
        "A rollup's sequencer faults; each line is one window.",
        new FieldSchema("down", FieldKind.Form, "`down = START for LENGTH`: the sequencer seals no blocks.") { Repeatable = true },
        new FieldSchema("censor", FieldKind.Form, "`censor = SHARE at START for LENGTH`: it leaves out the first SHARE of user accounts.") { Repeatable = true },
        new FieldSchema("withhold", FieldKind.Form, "`withhold = START for LENGTH`: it seals blocks but posts no batch.") { Repeatable = true },
        new FieldSchema("consensus", FieldKind.Block, "The set of nodes that runs the sequencer: `bft { nodes = 4 }` (heights and rounds) or `raft { nodes = 3 }` (active/standby).") { Default = "one operator" });

    /// <summary><c>consensus = bft { ... }</c> in a rollup's sequencer.</summary>
    public static readonly ConstructSchema SequencerBft = new(
        "rollup.sequencer.bft",
        "A Tendermint-style BFT set of sequencer nodes (CometBFT's timeouts by default).",
        new FieldSchema("nodes", FieldKind.WholeNumber, "How many nodes, n.") { Minimum = 1, Maximum = 1_000, Default = "4", Range = "1 … 1_000" },
        new FieldSchema("vote_delay", FieldKind.Time, "The time a message takes between nodes; a round that commits takes three.") { Minimum = 0, Maximum = Seconds(60), Default = "100 ms", Range = "0 … 60 s" },
        new FieldSchema("timeout_propose", FieldKind.Time, "How long nodes wait for a proposal in round 0.") { Minimum = 0, Maximum = Seconds(600), Default = "3 s", Range = "0 … 10 min" },
        new FieldSchema("timeout_propose_delta", FieldKind.Time, "What the propose timeout grows by per round.") { Minimum = 0, Maximum = Seconds(600), Default = "500 ms", Range = "0 … 10 min" },
        new FieldSchema("timeout_prevote", FieldKind.Time, "How long nodes wait on split prevotes in round 0.") { Minimum = 0, Maximum = Seconds(600), Default = "1 s", Range = "0 … 10 min" },
        new FieldSchema("timeout_prevote_delta", FieldKind.Time, "What the prevote timeout grows by per round.") { Minimum = 0, Maximum = Seconds(600), Default = "500 ms", Range = "0 … 10 min" },
        new FieldSchema("timeout_precommit", FieldKind.Time, "How long nodes wait on split precommits in round 0.") { Minimum = 0, Maximum = Seconds(600), Default = "1 s", Range = "0 … 10 min" },
        new FieldSchema("timeout_precommit_delta", FieldKind.Time, "What the precommit timeout grows by per round.") { Minimum = 0, Maximum = Seconds(600), Default = "500 ms", Range = "0 … 10 min" },
        new FieldSchema("timeout_commit", FieldKind.Time, "How long after a commit the next height starts.") { Minimum = 0, Maximum = Seconds(600), Default = "1 s", Range = "0 … 10 min" },
        new FieldSchema("proposer", FieldKind.Choice, "Who proposes each round: a rotation, or a C# hook that returns the proposing node (1 … nodes) for a height and round.") { Default = "round_robin", Choices = ["round_robin", "stake_weighted"] },
        new FieldSchema("stakes", FieldKind.Form, "`stakes = [40, 30, 20, 10]`: each node's stake, for `proposer = stake_weighted` or a proposer hook.") { Default = "all equal" },
        new FieldSchema("crashed", FieldKind.Form, "`crashed = COUNT` or `crashed = [NODE, ...]`, optionally `at START for LENGTH`: silent nodes.") { Repeatable = true },
        new FieldSchema("censor", FieldKind.Form, "`censor = SHARE by COUNT` or `by [NODE, ...]`: when such a node proposes, its block leaves out the first SHARE of user accounts.") { Repeatable = true },
        new FieldSchema("equivocate", FieldKind.Form, "`equivocate = COUNT` or `equivocate = [NODE, ...]`: such a proposer sends two conflicting blocks.") { Repeatable = true });

    /// <summary><c>consensus = raft { ... }</c> in a rollup's sequencer.</summary>
    public static readonly ConstructSchema SequencerRaft = new(
        "rollup.sequencer.raft",
        "A Raft-style active/standby set of sequencers (as OP's op-conductor): crash faults only.",
        new FieldSchema("nodes", FieldKind.WholeNumber, "How many sequencers.") { Minimum = 1, Maximum = 99, Default = "3", Range = "1 … 99" },
        new FieldSchema("failover", FieldKind.Time, "From the active sequencer's crash until a standby has taken over.") { Minimum = 0, Maximum = Seconds(3600), Default = "3 s", Range = "0 … 1 h" },
        new FieldSchema("replication", FieldKind.Time, "The time to replicate a block to a majority before it is soft-confirmed.") { Minimum = 0, Maximum = Seconds(60), Default = "10 ms", Range = "0 … 60 s" },
        new FieldSchema("crashed", FieldKind.Form, "`crashed = COUNT` or `crashed = [NODE, ...]`, optionally `at START for LENGTH`: sequencers down.") { Repeatable = true });

    /// <summary><c>forced_inclusion = delayed_inbox { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema DelayedInbox = new(
        "rollup.forced_inclusion.delayed_inbox",
        "When a message in the L1 delayed inbox is forced in (Arbitrum One's defaults).",
        new FieldSchema("delay_blocks", FieldKind.WholeNumber, "The L1 blocks that must pass after the message landed.") { Minimum = 0, Maximum = 10_000_000, Default = "5_760", Range = "0 … 10_000_000" },
        new FieldSchema("delay", FieldKind.Time, "The time that must pass after the message landed.") { Minimum = 0, Maximum = Seconds(365L * 24 * 3600), Default = "24 h", Range = "0 … 365 day" });

    /// <summary><c>auction { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema Auction = new(
        "rollup.auction",
        "The block-space auction of a rollup with `ordering = auction`.",
        new FieldSchema("price", FieldKind.Choice, "What a winner pays: its own bid or the next one.") { Default = "first", Choices = ["first", "second"] });

    /// <summary><c>pbs { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema Pbs = new(
        "rollup.pbs",
        "The proposer's sealed-bid auction for the blocks of a rollup with PBS builders.",
        new FieldSchema("price", FieldKind.Choice, "What the winning builder pays: its own bid or the runner-up's.") { Default = "first", Choices = ["first", "second"] },
        new FieldSchema("deadline", FieldKind.Time, "How long after the slot's seal time bids are accepted.") { Minimum = 0, Maximum = Seconds(60), Default = "100 ms", Range = "0 … 60 s" });

    /// <summary><c>express_lane { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema ExpressLane = new(
        "rollup.express_lane",
        "Timeboost's express lane: the right to skip the delay is sold round by round.",
        new FieldSchema("round", FieldKind.Time, "The length of a round; each is sold on its own.") { Minimum = Ms(1), Maximum = Seconds(3600), Default = "60 s", Range = "1 ms … 1 h" },
        new FieldSchema("closing", FieldKind.Time, "How long before a round starts its auction closes.") { Minimum = 0, Maximum = Seconds(3600), Default = "15 s", Range = "0 … 1 h; shorter than `round`" },
        new FieldSchema("delay", FieldKind.Time, "How much later every transaction but the holder's reaches the sequencer.") { Minimum = 0, Maximum = Seconds(3600), Default = "200 ms", Range = "0 … 1 h; shorter than `round`" },
        new FieldSchema("reserve", FieldKind.Ether, "The least bid that can win.") { Default = "0.001 eth", Range = "0 … 1_000_000 eth, whole wei" },
        new FieldSchema("price", FieldKind.Choice, "What the winner pays: its own bid or the highest losing bid (at least the reserve).") { Default = "second", Choices = ["first", "second"] },
        new FieldSchema("bid", FieldKind.Hook, "A C# hook every arbitrageur runs to bid for each round, instead of its bid share of the last round's arbitrage.") { Default = "bid share × last round's arbitrage" });

    /// <summary><c>mempool { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema Mempool = new(
        "rollup.mempool",
        "What the sequencer checks when a transaction arrives, before it joins the pool.",
        new FieldSchema("pow", FieldKind.Bits, "Proof of work per transaction: the leading zero bits its work hash must have.") { Minimum = 0, Maximum = MempoolModel.MaxPowDifficulty, Default = "0 bits (none)", Range = "0 … 24 bits" },
        new FieldSchema("rate_limit", FieldKind.WholeNumber, "The most transactions one sender may have admitted in any `rate_window`.") { Minimum = 1, Maximum = 1_000, Default = "none", Range = "1 … 1_000" },
        new FieldSchema("rate_window", FieldKind.Time, "The sliding window of `rate_limit`.") { Minimum = Ms(1), Maximum = Seconds(24 * 3600), Default = "1 min", Range = "1 ms … 24 h" },
        new FieldSchema("max_pending", FieldKind.WholeNumber, "The most transactions the pool holds; a full pool evicts its lowest-fee transaction for a better one.") { Minimum = 1, Maximum = 10_000_000, Default = "none", Range = "1 … 10_000_000" },
        new FieldSchema("max_per_sender", FieldKind.WholeNumber, "The most transactions one sender may have pending.") { Minimum = 1, Maximum = 1_000_000, Default = "none", Range = "1 … 1_000_000" },
        new FieldSchema("replacement_bump", FieldKind.Percentage, "The least priority-fee raise for a transaction to replace its sender's pending one with the same nonce.") { Default = "10 %", Range = "0 % … 1_000 %" },
        new FieldSchema("public", FieldKind.Boolean, "Whether pending transactions are visible to others; `false` is private order flow, users sending only to the sequencer.") { Default = "true" });

    /// <summary><c>amm "BASE/QUOTE" { ... }</c> in a rollup.</summary>
    public static readonly ConstructSchema Amm = new(
        "rollup.amm",
        "A constant-product pool on a rollup.",
        new FieldSchema("reserves", FieldKind.Form, "The pool's reserves at genesis: `(BASE_AMOUNT, QUOTE_AMOUNT)`.") { Required = true },
        new FieldSchema("fee", FieldKind.Percentage, "The swap fee, in whole basis points.") { Default = "0.3 %", Range = "0 % … below 100 %" });

    /// <summary><c>fees { ... }</c> in a rollup or the scenario.</summary>
    public static readonly ConstructSchema Fees = new(
        "fees",
        "Who receives a rollup's fees.",
        new FieldSchema("l1_data_fee", FieldKind.Boolean, "Whether every transaction pays an L1 data fee.") { Default = "false" },
        new FieldSchema("base_fee", FieldKind.Choice, "Where base fees go: `burn` or a role.") { Default = "burn", Choices = ["burn", .. FeeRoles] },
        new FieldSchema("issuance", FieldKind.Ether, "An amount minted every block: `AMOUNT per block`.") { Default = "0 eth per block", Range = "0 … 1_000_000 eth" },
        new FieldSchema("issuance_to", FieldKind.Choice, "The role the issuance is minted to.") { Default = "treasury", Choices = FeeRoles },
        new FieldSchema("distribute", FieldKind.Block, "How the rest is split: `split { ROLE = PERCENT ... }` or a C# hook.") { Default = "split { sequencer = 100 % }" },
        new FieldSchema("base_fee_market", FieldKind.Block, "How the base fee follows demand: `eip1559 { ... }`, `speed_limit { ... }` or a C# hook that returns each block's base fee in wei.") { Default = "none: the rollup's fixed `base_fee`" });

    /// <summary><c>base_fee_market = eip1559 { ... }</c> in <c>fees</c>.</summary>
    public static readonly ConstructSchema Eip1559BaseFee = new(
        "fees.base_fee_market.eip1559",
        "EIP-1559 on the rollup (the OP Stack's parameters by default): each block's base fee moves by its parent's gas used against the target.",
        new FieldSchema("elasticity", FieldKind.WholeNumber, "The gas target is the gas limit divided by this.") { Minimum = 1, Maximum = 1_000, Default = "6", Range = "1 … 1_000" },
        new FieldSchema("denominator", FieldKind.WholeNumber, "A block at twice the target raises the base fee by 1 / denominator.") { Minimum = 1, Maximum = 1_000_000, Default = "250", Range = "1 … 1_000_000" },
        new FieldSchema("min", FieldKind.Ether, "The floor of the base fee per gas.") { Default = "0 wei", Range = "0 … 1 eth" });

    /// <summary><c>base_fee_market = speed_limit { ... }</c> in <c>fees</c>.</summary>
    public static readonly ConstructSchema SpeedLimitBaseFee = new(
        "fees.base_fee_market.speed_limit",
        "ArbOS's pricing (Arbitrum One's parameters by default): a gas backlog drains at the speed limit; above the tolerance the price rises exponentially.",
        new FieldSchema("limit", FieldKind.Rate, "The speed limit: gas per second the backlog drains by, e.g. `7_000_000 gas / s`.") { Default = "7_000_000 gas / s", Range = "1 … 1_000_000_000_000 gas / s, whole" },
        new FieldSchema("tolerance", FieldKind.Time, "The backlog priced at the minimum, as a time at the speed limit.") { Minimum = 0, Maximum = Seconds(3600), Default = "10 s", Range = "0 … 1 h" },
        new FieldSchema("inertia", FieldKind.WholeNumber, "How slowly the price rises: e^(excess ÷ (inertia × limit)).") { Minimum = 1, Maximum = 1_000_000, Default = "102", Range = "1 … 1_000_000" },
        new FieldSchema("min", FieldKind.Ether, "The minimum base fee per gas, the price of a backlog within the tolerance.") { Default = "0.01 gwei", Range = "1 wei … 1 eth" });

    /// <summary><c>distribute = split { ... }</c> in <c>fees</c>.</summary>
    public static readonly ConstructSchema FeeSplit = new(
        "fees.split",
        "Each role's share of a block's fees; the shares add up to 100 %.",
        new FieldSchema("sequencer", FieldKind.Percentage, "The sequencer's share.") { Range = "0 % … 100 %" },
        new FieldSchema("builder", FieldKind.Percentage, "The block builder's share.") { Range = "0 % … 100 %" },
        new FieldSchema("prover", FieldKind.Percentage, "The provers' share.") { Range = "0 % … 100 %" },
        new FieldSchema("data_availability", FieldKind.Percentage, "The batcher's share, which reimburses posting to L1.") { Range = "0 % … 100 %" },
        new FieldSchema("treasury", FieldKind.Percentage, "The protocol treasury's share.") { Range = "0 % … 100 %" });

    /// <summary><c>distribute = op_stack { ... }</c> in <c>fees</c>: the operator's shares and the Isthmus operator fee.</summary>
    public static readonly ConstructSchema OpStackSplit = new(
        "fees.op_stack",
        "The OP Stack's vaults: each role's share of the chain operator's revenue (adding up to 100 %, or none: all to the sequencer), and the Isthmus operator fee every transaction pays on top, gas used × operator_fee_scalar / 1_000_000 + operator_fee_constant, into the OperatorFeeVault.",
        [.. FeeSplit.Fields,
        new FieldSchema("operator_fee_scalar", FieldKind.WholeNumber, "Wei of operator fee per million gas used (the SystemConfig's uint32 operatorFeeScalar).") { Minimum = 0, Maximum = uint.MaxValue, Default = "0", Range = "0 … 4_294_967_295" },
        new FieldSchema("operator_fee_constant", FieldKind.Ether, "Operator fee every transaction pays (the SystemConfig's uint64 operatorFeeConstant, in wei).") { Default = "0 wei", Range = "0 … 18_446_744_073_709_551_615 wei" }]);

    /// <summary><c>workload { ... }</c>.</summary>
    public static readonly ConstructSchema Workload = new(
        "workload",
        "The users and traders who send transactions.",
        new FieldSchema("users", FieldKind.Form, "Users arriving on each listed rollup: `poisson(RATE) on A, B`.") { Default = "required unless the workload declares a `population`", Range = "RATE: above 0, at most 10_000_000 / s" },
        new FieldSchema("priority_fee", FieldKind.Distribution, "The priority fee per gas the users offer.") { Default = "constant(0 wei)" },
        new FieldSchema("value", FieldKind.Distribution, "The value of each transfer.") { Default = "constant(0.001 eth)" },
        new FieldSchema("surge", FieldKind.Form, "Extra users during one window: `poisson(RATE) at START for LENGTH`.") { Default = "none", Range = "RATE: above 0, at most 10_000_000 / s; the window within the run" },
        new FieldSchema("max_fee", FieldKind.Distribution, "The most each user pays per gas, base fee and tip together; a transfer waits while the base fee is above it.") { Default = "none: users pay any base fee" },
        new FieldSchema("swaps", FieldKind.Percentage, "The share of user transactions that swap on the rollup's first pool.") { Default = "0 %", Range = "0 % … 100 %" },
        new FieldSchema("swap_size", FieldKind.Distribution, "The amount of base token each swap trades.") { Default = "constant(0.1 eth)" },
        new FieldSchema("cex_price", FieldKind.Form, "The CEX price of ether: `gbm(start = PRICE, volatility = PERCENT [per TIME], drift = PERCENT [per TIME])`.") { Default = "none" },
        new FieldSchema("arbitrageurs", FieldKind.WholeNumber, "How many arbitrageurs trade the pools against the CEX.") { Minimum = 0, Maximum = 1_000, Default = "0", Range = "0 … 1_000" },
        new FieldSchema("sync_delay", FieldKind.Time, "How long after the CEX price moves arbitrageurs see it.") { Minimum = 0, Maximum = Seconds(3600), Default = "0 s", Range = "0 … 1 h" },
        new FieldSchema("back_runners", FieldKind.WholeNumber, "How many back-runners trade right behind users' swaps, back toward the reference price.") { Minimum = 0, Maximum = 100, Default = "0", Range = "0 … 100" },
        new FieldSchema("back_run_min_profit", FieldKind.Form, "The least a back-run must earn after gas, in the first pool's quote token, e.g. `1 usdc`.") { Default = "any profit", Range = "a positive, whole amount of the token's smallest unit" },
        new FieldSchema("deposits", FieldKind.Form, "Deposits from L1: `poisson(RATE) on A, B`.") { Default = "none" },
        new FieldSchema("withdrawals", FieldKind.Percentage, "The share of the users' transfers that withdraw to L1.") { Default = "0 %", Range = "0 % … 100 %" },
        new FieldSchema("new_accounts", FieldKind.Percentage, "The share of the users' transfers sent to a fresh address, each creating an account.") { Default = "0 %", Range = "0 % … 100 %" },
        new FieldSchema("storage_writes", FieldKind.Percentage, "The share of the users' transactions that write contract storage.") { Default = "0 %", Range = "0 % … 100 %" },
        new FieldSchema("storage_slots", FieldKind.WholeNumber, "How many storage slots each storage write writes.") { Minimum = 1, Maximum = 64, Default = "1", Range = "1 … 64" },
        new FieldSchema("new_slots", FieldKind.Percentage, "The share of storage writes that create new slots; the others overwrite existing ones.") { Default = "50 %", Range = "0 % … 100 %" },
        new FieldSchema("cross_chain", FieldKind.Percentage, "The share of a stream's transactions that transfer to another of its rollups.") { Default = "0 %", Range = "0 % … 100 %" },
        new FieldSchema("cross_chain_trust", FieldKind.Choice, "When the destination trusts a cross-chain message.") { Default = "l1_inclusion", Choices = ["l1_inclusion", "l1_finality", "soft", "validity_proof"] },
        new FieldSchema("arbitrage_strategy", FieldKind.Hook, "A C# hook every arbitrageur runs instead of the built-in trade.") { Default = "the closed-form optimum" },
        new FieldSchema("bundles", FieldKind.Block, "A stream of bundles over a path of rollups: `bundles { path = [A, B, A]  rate = 2 / s }`.") { Default = "none", Repeatable = true },
        new FieldSchema("cross_arbitrage", FieldKind.Block, "Searchers trading one pair on two rollups' pools against each other: `cross_arbitrage { path = [A, B]  searchers = 2 }`.") { Default = "none", Repeatable = true },
        new FieldSchema("population", FieldKind.Block, "A named user population with its own rate, accounts, fees and behaviour: `population NAME { users = poisson(RATE) on A ... }`.") { Default = "none", Repeatable = true });

    /// <summary><c>population NAME { ... }</c> in <c>workload</c>.</summary>
    public static readonly ConstructSchema Population = new(
        "workload.population",
        "A named user population: its own arrivals, accounts, fees and behaviour.",
        new FieldSchema("users", FieldKind.Form, "The population's arrivals on each listed rollup: `poisson(RATE) on A, B`.") { Required = true, Range = "RATE: above 0, at most 10_000_000 / s" },
        new FieldSchema("accounts", FieldKind.WholeNumber, "How many of each target rollup's user accounts the population sends from.") { Minimum = 1, Maximum = RollupModel.MaxAccounts, Default = "the accounts no other population takes", Range = "1 … the rollup's accounts" },
        new FieldSchema("priority_fee", FieldKind.Distribution, "The priority fee per gas the population offers.") { Default = "the workload's `priority_fee`" },
        new FieldSchema("value", FieldKind.Distribution, "The value of each transfer.") { Default = "the workload's `value`" },
        new FieldSchema("max_fee", FieldKind.Distribution, "The most each of the population's users pays per gas, base fee and tip together; a transfer waits while the base fee is above it.") { Default = "none: they pay any base fee" },
        new FieldSchema("hash_rate", FieldKind.Rate, "Proof-of-work nonce attempts per second per account.") { Default = "1_000_000 / s", Range = "1 / s … 1e12 / s" },
        new FieldSchema("solves_pow", FieldKind.Boolean, "Whether it searches for a proof-of-work nonce or sends without one.") { Default = "true" },
        new FieldSchema("replace", FieldKind.Percentage, "The share of arrivals that re-send the sender's latest pending transaction with a higher fee instead.") { Default = "0 %", Range = "0 % … 100 %" },
        new FieldSchema("bump", FieldKind.Percentage, "How much a replacement raises the priority fee.") { Default = "10 %", Range = "0 % … 1_000 %" });

    /// <summary><c>cross_arbitrage { ... }</c> in <c>workload</c>.</summary>
    public static readonly ConstructSchema CrossArbitrage = new(
        "workload.cross_arbitrage",
        "Searchers that trade the same pair on two rollups' pools against each other.",
        new FieldSchema("path", FieldKind.Form, "The two rollups: the first's first pool against the second's first pool of the same pair, `[A, B]`.") { Required = true, Range = "2 different rollups" },
        new FieldSchema("searchers", FieldKind.WholeNumber, "How many searchers compete for each opportunity.") { Minimum = 1, Maximum = 100, Default = "1", Range = "1 … 100" },
        new FieldSchema("mode", FieldKind.Choice, "How the two legs are sent: as one bundle through the producer that holds both rollups, or as two ordinary transactions.") { Default = "atomic", Choices = ["atomic", "independent"] });

    /// <summary><c>bundles { ... }</c> in <c>workload</c>.</summary>
    public static readonly ConstructSchema Bundles = new(
        "workload.bundles",
        "A stream of bundles whose legs run over a path of rollups.",
        new FieldSchema("path", FieldKind.Form, "The rollups the legs run on, in order: `[A, B, A]`.") { Required = true, Range = "2 … 16 legs, no rollup twice in a row" },
        new FieldSchema("rate", FieldKind.Rate, "Mean bundles sent per second (Poisson arrivals).") { Required = true, Range = "above 0, at most 10_000 / s" },
        new FieldSchema("leg", FieldKind.Choice, "What each leg does besides passing the value on.") { Default = "transfer", Choices = ["transfer", "swap"] },
        new FieldSchema("value", FieldKind.Ether, "The value each bundle carries along the path; a swap leg trades as much base token.") { Default = "0.001 eth", Range = "1 wei … 1_000_000 eth" },
        new FieldSchema("priority_fee", FieldKind.Ether, "The priority fee per gas of every leg's transactions.") { Default = "0 wei", Range = "0 … 1_000_000 eth" });

    /// <summary>The parameters of <c>gbm(...)</c>, the CEX price process.</summary>
    public static readonly ConstructSchema Gbm = new(
        "gbm",
        "Geometric Brownian motion of the price of one ether in a token.",
        new FieldSchema("start", FieldKind.Form, "The price at time 0, in a declared token.") { Required = true },
        new FieldSchema("volatility", FieldKind.Percentage, "The volatility, yearly unless `per TIME` says otherwise.") { Required = true },
        new FieldSchema("drift", FieldKind.Percentage, "The drift, yearly unless `per TIME` says otherwise.") { Default = "0 %" });

    /// <summary><c>provers for A, B { ... }</c>.</summary>
    public static readonly ConstructSchema Provers = new(
        "provers",
        "A set of provers shared by the rollups it names.",
        new FieldSchema("count", FieldKind.WholeNumber, "How many provers.") { Minimum = 1, Maximum = 1_024, Required = true, Range = "1 … 1_024" },
        new FieldSchema("selection", FieldKind.Choice, "Which prover gets each job, or a C# hook.") { Required = true, Choices = ["proof_of_necessary_work", "stake", "market", "round_robin"] },
        new FieldSchema("proof_time", FieldKind.Distribution, "The time one proof takes, `per block` or `per transaction` as the pipeline proves.") { Required = true },
        new FieldSchema("cost", FieldKind.Ether, "What proving pays: `AMOUNT per block` or `per transaction`.") { Default = "0 eth per block", Range = "0 … 1_000_000 eth" },
        new FieldSchema("pipeline", FieldKind.Choice, "What one proof covers.") { Default = "per_block", Choices = ["per_block", "per_transaction", "per_shard"] },
        new FieldSchema("shards", FieldKind.WholeNumber, "With `pipeline = per_shard`: the shards each block's execution is split into, one proof each.") { Minimum = 1, Maximum = 65_536, Default = "none (required with `per_shard`)", Range = "1 … 65_536" },
        new FieldSchema("execution", FieldKind.Distribution, "With `pipeline = per_shard`: the time from the seal until the shards' witnesses exist.") { Default = "0 s" },
        new FieldSchema("aggregation_time", FieldKind.Distribution, "The time aggregating a block's transaction proofs takes, in one flat job.") { Default = "0 s" },
        new FieldSchema("aggregation", FieldKind.Block, "Tree aggregation: `aggregation { arity = 4  time = constant(1 s) per level  wrap = constant(5 s) }`.") { Default = "none: one flat aggregation job per block (`aggregation_time`)" },
        new FieldSchema("verification", FieldKind.Block, "Verification of the proofs on L1: `verification { gas = 300_000  every = 1 min  across = rollups }`.") { Default = "none: proofs are not verified on L1" },
        new FieldSchema("deadline", FieldKind.Block, "Epochs, a bonded claim per epoch and a proving window; a missed window slashes the bond and prunes the pending chain.") { Default = "none" },
        new FieldSchema("offline", FieldKind.Form, "`offline = PROVER at START for LENGTH`: the prover makes no progress then (with `deadline`).") { Repeatable = true });

    /// <summary><c>deadline { ... }</c> in <c>provers</c>.</summary>
    public static readonly ConstructSchema ProvingDeadline = new(
        "provers.deadline",
        "Proof timeliness: epochs of blocks, each claimed by one bonded prover that must prove it within a window.",
        new FieldSchema("epoch", FieldKind.WholeNumber, "Blocks per epoch.") { Minimum = 1, Maximum = 10_000, Required = true, Range = "1 … 10_000" },
        new FieldSchema("window", FieldKind.Time, "The time after an epoch's last block within which its proof must be ready.") { Minimum = 0, Maximum = Seconds(86_400), Required = true, Range = "0 … 1 day" },
        new FieldSchema("bond", FieldKind.Ether, "What the claiming prover escrows for the epoch.") { Default = "0 eth", Range = "0 … 1_000_000 eth" },
        new FieldSchema("slash", FieldKind.Percentage, "The share of the bond burned when the window is missed.") { Default = "100 %", Range = "0 % … 100 %" },
        new FieldSchema("fallback", FieldKind.Boolean, "Whether a pruned epoch is claimed again by the prover free soonest other than the one slashed, instead of by `selection`.") { Default = "false" });

    /// <summary><c>aggregation { ... }</c> in <c>provers</c>.</summary>
    public static readonly ConstructSchema ProofAggregation = new(
        "provers.aggregation",
        "Leaf proofs combined `arity` at a time, level by level, each node a job on the provers; the root wrapped into the block's proof.",
        new FieldSchema("arity", FieldKind.WholeNumber, "Proofs one aggregation node combines.") { Minimum = 2, Maximum = 1_024, Required = true, Range = "2 … 1_024" },
        new FieldSchema("time", FieldKind.Distribution, "The time of one aggregation node (optionally `per level`).") { Default = "0 s" },
        new FieldSchema("wrap", FieldKind.Distribution, "The time of the final wrap of a block's root proof.") { Default = "0 s" });

    /// <summary><c>verification { ... }</c> in <c>provers</c>.</summary>
    public static readonly ConstructSchema ProofVerification = new(
        "provers.verification",
        "Proofs verified on L1, one L1 transaction per verification.",
        new FieldSchema("gas", FieldKind.Gas, "Execution gas of one verification transaction.") { Minimum = 21_000, Maximum = 30_000_000, Default = "300_000", Range = "21_000 … 30_000_000" },
        new FieldSchema("every", FieldKind.Time, "How often the proofs ready are verified.") { Minimum = Ms(1), Maximum = Seconds(24 * 3600), Default = "1 min", Range = "1 ms … 24 h" },
        new FieldSchema("across", FieldKind.Choice, "`none`: each rollup verifies its own proofs; `rollups`: one verification for every rollup of the block, its cost split equally.") { Default = "none", Choices = ["none", "rollups"] });

    /// <summary><c>selection = proof_of_necessary_work { ... }</c> in <c>provers</c>.</summary>
    public static readonly ConstructSchema ProofOfNecessaryWork = new(
        "provers.selection.proof_of_necessary_work",
        "Provers race; each needs a proof plus a nonce search.",
        new FieldSchema("difficulty", FieldKind.Bits, "The nonce search's difficulty.") { Minimum = 0, Maximum = 60, Default = "20 bits", Range = "0 … 60 bits" },
        new FieldSchema("hash_rate", FieldKind.Rate, "Nonce attempts per second per prover.") { Default = "1_000_000 / s", Range = "1 / s … 1e15 / s" },
        new FieldSchema("hash_rates", FieldKind.Form, "Each prover's own nonce attempts per second: `[RATE, ...]`, one per prover (instead of `hash_rate`).") { Default = "`hash_rate` for all", Range = "1 / s … 1e15 / s each" },
        new FieldSchema("racers", FieldKind.WholeNumber, "How many of the provers free soonest race.") { Minimum = 1, Maximum = 1_024, Default = "count", Range = "1 … count" });

    /// <summary><c>selection = stake { ... }</c> in <c>provers</c>.</summary>
    public static readonly ConstructSchema Stake = new(
        "provers.selection.stake",
        "A prover is drawn with probability proportional to its stake.",
        new FieldSchema("stakes", FieldKind.Form, "Each prover's stake: `[AMOUNT, ...]`, one per prover.") { Required = true });

    /// <summary><c>selection = market { ... }</c> in <c>provers</c>.</summary>
    public static readonly ConstructSchema Market = new(
        "provers.selection.market",
        "Provers bid for each job; the cheapest free one wins.",
        new FieldSchema("spread", FieldKind.Percentage, "How far the provers' bids spread around the cost (without named provers).") { Default = "20 %", Range = "0 % … 100 %" },
        new FieldSchema("queue", FieldKind.WholeNumber, "How many jobs a named prover whose slots are all busy may hold waiting; it bids only while it holds fewer.") { Minimum = 0, Maximum = 1_024, Default = "0", Range = "0 … 1_024" },
        new FieldSchema("prover", FieldKind.Block, "A named prover with its own capacity, speed, cost and bidding rule: `prover NAME { cost = 0.001 eth per block  bid = cost_plus { margin = 10 % } }`.") { Default = "none", Repeatable = true });

    /// <summary><c>prover NAME { ... }</c> in <c>selection = market { ... }</c>.</summary>
    public static readonly ConstructSchema MarketProver = new(
        "provers.selection.market.prover",
        "One prover of a market: how many jobs it proves at once, how fast, at what cost, and how it bids.",
        new FieldSchema("capacity", FieldKind.WholeNumber, "How many jobs it proves at once.") { Minimum = 1, Maximum = 1_024, Default = "1", Range = "1 … 1_024" },
        new FieldSchema("speed", FieldKind.Form, "How much faster than `proof_time` it proves: a job takes the drawn time divided by this number.") { Default = "1", Range = "0.01 … 1_000" },
        new FieldSchema("cost", FieldKind.Ether, "Its own cost: `AMOUNT per block` (a block or aggregation job) or `per transaction` proven.") { Required = true, Range = "0 … 1_000_000 eth" },
        new FieldSchema("bid", FieldKind.Choice, "How it prices its bid, or a C# hook that returns it in wei.") { Default = "cost_plus", Choices = ["cost_plus", "load"] });

    /// <summary><c>bid = cost_plus { ... }</c> of a market prover.</summary>
    public static readonly ConstructSchema CostPlusBid = new(
        "provers.selection.market.prover.bid.cost_plus",
        "It bids its own cost plus a fixed margin.",
        new FieldSchema("margin", FieldKind.Percentage, "The margin over its cost.") { Default = "0 %", Range = "0 % … 100 %" });

    /// <summary><c>bid = load { ... }</c> of a market prover.</summary>
    public static readonly ConstructSchema LoadBid = new(
        "provers.selection.market.prover.bid.load",
        "It bids its own cost plus a margin that grows with the jobs it holds (proving or waiting).",
        new FieldSchema("base_margin", FieldKind.Percentage, "The margin over its cost when it holds no job.") { Default = "0 %", Range = "0 % … 100 %" },
        new FieldSchema("per_job", FieldKind.Percentage, "The margin added per job it holds.") { Default = "0 %", Range = "0 % … 100 %" });

    /// <summary><c>selection = round_robin { }</c> in <c>provers</c>.</summary>
    public static readonly ConstructSchema RoundRobin = new(
        "provers.selection.round_robin",
        "Provers take jobs in turn; it has no settings.");

    /// <summary><c>shared_sequencer NAME for A, B { ... }</c>.</summary>
    public static readonly ConstructSchema SharedSequencer = new(
        "shared_sequencer",
        "One sequencer that seals several rollups' blocks together, slot by slot.",
        new FieldSchema("consensus", FieldKind.Block, "The set that agrees on each slot: `bft { nodes = N  faulty = F  round = T }`, heights and rounds with a rollup sequencer set's fields (`vote_delay`, `crashed`, ...), or `raft { nodes  failover  replication  crashed }`.") { Default = "bft { nodes = 1  faulty = 0  round = 0 ms }" },
        new FieldSchema("executes", FieldKind.Boolean, "Whether the sequencer executes what it orders.") { Default = "true" },
        new FieldSchema("kind", FieldKind.Choice, "Whether the sequencer is part of the rollups or an external network.") { Default = "enshrined", Choices = ["enshrined", "external"] },
        new FieldSchema("hop", FieldKind.Time, "The extra latency of an external sequencer per slot.") { Minimum = 0, Maximum = Seconds(60), Default = "200 ms", Range = "0 … 60 s" },
        new FieldSchema("fee", FieldKind.Ether, "What an external sequencer's network charges per gas of the blocks it sequences, or a C# hook that returns the fee in wei of each rollup's block of a slot.") { Default = "0 wei", Range = "0 … 1 eth" },
        new FieldSchema("aggregate_data", FieldKind.Boolean, "Whether the rollups' batches fill shared blobs, the L1 cost split by `cost_split`.") { Default = "false" },
        new FieldSchema("cost_split", FieldKind.Choice, "With `aggregate_data`: how each shared posting's L1 cost is split among its rollups: by their frames' bytes, equally, or a C# hook that returns each rollup's share in wei.") { Default = "by_bytes", Choices = ["by_bytes", "equal"] });

    /// <summary><c>consensus = bft { ... }</c> in a shared sequencer.</summary>
    public static readonly ConstructSchema Bft = new(
        "shared_sequencer.bft",
        "A BFT set of nodes.",
        new FieldSchema("nodes", FieldKind.WholeNumber, "How many nodes.") { Minimum = 1, Maximum = 1_000, Default = "1", Range = "1 … 1_000" },
        new FieldSchema("faulty", FieldKind.WholeNumber, "How many of them are faulty (crashed all run); past ⌊(nodes − 1) / 3⌋ the set halts.") { Minimum = 0, Maximum = 1_000, Default = "0", Range = "0 … nodes" },
        new FieldSchema("round", FieldKind.Time, "The time one consensus round takes.") { Minimum = 0, Maximum = Seconds(60), Default = "0 ms", Range = "0 … 60 s" });

    /// <summary><c>builder NAME for A, B { ... }</c>.</summary>
    public static readonly ConstructSchema Builder = new(
        "builder",
        "A builder that builds several rollups' blocks of each slot together.",
        new FieldSchema("simulate", FieldKind.Choice, "Whether bundles are simulated across the chains before inclusion (several rollups only).") { Default = "cross_chain", Choices = ["cross_chain", "none"] },
        new FieldSchema("latency", FieldKind.Time, "PBS (one rollup): the time from the builder to the proposer.") { Minimum = 0, Maximum = Seconds(60), Default = "0 ms", Range = "0 … 60 s" },
        new FieldSchema("exclusive_flow", FieldKind.Percentage, "PBS (one rollup): the share of the rollup's users that send privately to this builder only.") { Default = "0 %", Range = "0 % … 100 %, summed over the rollup's builders" },
        new FieldSchema("bid", FieldKind.Percentage, "PBS (one rollup): the share of its block's value (priority fees) it bids, or a C# hook that returns the bid in wei.") { Default = "100 %", Range = "0 % … 100 %" },
        new FieldSchema("strategy", FieldKind.Choice, "PBS (one rollup): how it orders its block, or a C# hook that returns the order.") { Default = "greedy", Choices = ["greedy"] });

    /// <summary><c>expect { ... }</c>.</summary>
    public static readonly ConstructSchema Expect = new(
        "expect",
        "Assertions checked after the run; besides these lines, comparisons of report metrics.",
        new FieldSchema("conserved", FieldKind.Form, "`conserved total_supply`: the supply is conserved after every block.") { Repeatable = true },
        new FieldSchema("derivable", FieldKind.Form, "`derivable`: every rollup re-derives from its L1 data.") { Repeatable = true });

    /// <summary>Every schema, in declaration order of the language reference.</summary>
    public static readonly ImmutableArray<ConstructSchema> All =
    [
        File, ImportedFile, Scenario, Hooks, Token, L1, Blobs, Rollup, Batch, Derivation, Sequencer, SequencerBft, SequencerRaft, DelayedInbox, Auction, Pbs, ExpressLane, Mempool, Amm,
        Fees, FeeSplit, OpStackSplit, Eip1559BaseFee, SpeedLimitBaseFee, Workload, Bundles, CrossArbitrage, Population, Gbm, Provers, ProvingDeadline, ProofAggregation, ProofVerification, ProofOfNecessaryWork, Stake, Market, MarketProver, CostPlusBid, LoadBid, RoundRobin, SharedSequencer, Bft, Builder, Expect,
    ];

    /// <summary>The schema with key <paramref name="name"/> (e.g. <c>rollup</c> or <c>rollup.batch</c>), or null.</summary>
    public static ConstructSchema? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static decimal Ms(long milliseconds) => milliseconds * 1_000m;

    private static decimal Seconds(long seconds) => seconds * 1_000_000m;
}
