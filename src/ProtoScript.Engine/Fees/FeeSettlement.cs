using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// Settles a rollup's fees into its role accounts when a block is sealed (rollups with a
/// <c>fees { ... }</c> block only). During the block, priority fees and L1 data fees are held
/// by the sequencer's account and base fees are counted as burned, exactly as without a
/// <c>fees</c> block; settling then moves them for real:
/// <list type="number">
/// <item>the base fees go to their destination (burned by default);</item>
/// <item>the configured issuance is minted to its role;</item>
/// <item>from the pot (priority fees + L1 data fees) DataAvailability is paid back what it is
/// owed for posting on L1, then Prover for proving; a cost is owed from the block after the
/// posting landed (or the block it proves) until fees pay it, so what one block's pot cannot
/// cover carries over to the next, and what is still owed at the end is the role's deficit;</item>
/// <item>what remains is split by the shares, each rounded down to the wei, the remainder to
/// the first share listed.</item>
/// </list>
/// Those steps are the built-in <c>split</c> (<see cref="SplitFeeRule"/>); the model's
/// <see cref="FeesModel.Rule"/> picks the built-in rule from <see cref="BuiltInFeeRules"/>.
/// A hook replaces steps 1, 3 and 4: it may pay out up to everything the block collected
/// (base fees included); what it leaves unpaid is burned.
/// Everything a block's settlement reads from outside the rollup (the L1 price and fee scalar
/// behind its L1 data fees, the posting and proving costs it makes owed) is the block's
/// <see cref="L1Attributes"/>, which its batch carries, so a replica that derives the rollup
/// from L1 data settles every block exactly as the sequencer did.
/// </summary>
public sealed class FeeSettlement
{
    /// <summary>The role accounts a <c>fees</c> block adds after every other account: builder, prover, data availability, treasury.</summary>
    public const int ExtraAccounts = 4;

    private readonly RollupChain _chain;
    private readonly int _firstRoleAccount;
    private readonly List<FeePayment> _payments = [];
    private readonly BuiltInFeeRule _builtIn;
    private readonly UInt128[] _owed = new UInt128[Enum.GetValues<Role>().Length];
    private UInt128 _burnedAtBlockStart;
    private UInt128 _tipsAtBlockStart;
    private UInt128 _blockL1DataFees;
    private UInt128 _blockOperatorFees;
    private readonly List<FeeComponent> _components = [];
    private ulong _blockGas;
    private int _blockTransactions;

    /// <summary>
    /// Creates the settlement of <paramref name="chain"/>, whose role accounts start at
    /// <paramref name="firstRoleAccount"/>; the chain makes it from its <see cref="RollupParts"/>.
    /// </summary>
    internal FeeSettlement(RollupChain chain, FeesModel model, int firstRoleAccount, IFeeDistributor? distributor, L1DataPriceRule priceRule, SequencerL1Attributes? attributesSource)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(model);
        _chain = chain;
        Model = model;
        _firstRoleAccount = firstRoleAccount;
        Distributor = distributor;
        PriceRule = priceRule;
        AttributesSource = attributesSource;
        _builtIn = BuiltInFeeRules.Of(model.Rule);
    }

    /// <summary>The rollup's <c>fees</c> block.</summary>
    public FeesModel Model { get; }

    /// <summary>The hook's distribution, or null for the built-in rule (<see cref="FeesModel.Rule"/>).</summary>
    public IFeeDistributor? Distributor { get; }

    /// <summary>How an L1 fee basis becomes a price per posted byte (the rollup's DA target under the run's fork).</summary>
    public L1DataPriceRule PriceRule { get; }

    /// <summary>The sequencer's view of the L1, its batcher and its provers, which gives each block it builds its attributes; null on a replica.</summary>
    internal SequencerL1Attributes? AttributesSource { get; }

    /// <summary>The L1 attributes of the block being built, or of the last block settled.</summary>
    public L1Attributes Attributes { get; private set; }

    /// <summary>What each role received, in wei (<see cref="Role.Burned"/>: destroyed).</summary>
    public FeeLedger Received { get; } = new();

    /// <summary>Base fees users paid.</summary>
    public UInt128 BaseFees { get; private set; }

    /// <summary>Priority fees users paid.</summary>
    public UInt128 PriorityFees { get; private set; }

    /// <summary>L1 data fees users paid.</summary>
    public UInt128 L1DataFees { get; private set; }

    /// <summary>Operator fees users paid (the OP Stack's Isthmus OperatorFeeVault).</summary>
    public UInt128 OperatorFees { get; private set; }

    /// <summary>
    /// What the rule paid through each of its named components over the run (the OP Stack's
    /// vaults and Superchain share, Arbitrum's infrastructure and network fees and L1 pricer
    /// surplus), in the order the rule first named them; empty for <c>split</c> and a hook.
    /// </summary>
    public IReadOnlyList<FeeComponent> Components => _components;

    /// <summary>Adds <paramref name="amount"/> to the rule's component <paramref name="key"/> (a built-in rule's bookkeeping; it moves no ether).</summary>
    public void AddComponent(string key, UInt128 amount)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = _components.FindIndex(c => c.Key == key);
        if (index < 0)
        {
            _components.Add(new FeeComponent(key, amount));
        }
        else
        {
            _components[index] = _components[index] with { Amount = checked(_components[index].Amount + amount) };
        }
    }

    /// <summary>Ether minted by issuance.</summary>
    public UInt128 Issued { get; private set; }

    /// <summary>What DataAvailability's posting costs and Prover's proving costs came to.</summary>
    public UInt128 DaCost { get; private set; }

    /// <summary>The proving costs of all blocks.</summary>
    public UInt128 ProofCost { get; private set; }

    /// <summary>Blocks settled.</summary>
    public long Blocks { get; private set; }

    /// <summary>
    /// What <paramref name="role"/> is still owed for its costs (posting, proving): costs carry
    /// over from block to block until fees pay them back, so at the end of a run this is the
    /// deficit the fees never covered.
    /// </summary>
    public UInt128 Deficit(Role role) => _owed[(int)role];

    /// <summary>The state account of <paramref name="role"/>; <see cref="Role.Burned"/> has none.</summary>
    public int AccountOf(Role role) => role switch
    {
        Role.Sequencer => _chain.SequencerAccount,
        Role.Builder => _firstRoleAccount,
        Role.Prover => _firstRoleAccount + 1,
        Role.DataAvailability => _firstRoleAccount + 2,
        Role.Treasury => _firstRoleAccount + 3,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "burned ether has no account"),
    };

    /// <summary>
    /// The L1 data fee of <paramref name="tx"/>: its encoded batch bytes, scaled by the
    /// compression ratio of the rollup's batches so far (its share of a batch's compressed
    /// bytes), at the L1 price per byte the rollup last saw. 0 unless <c>l1_data_fee = true</c>.
    /// </summary>
    public UInt128 L1DataFee(in Transaction tx) =>
        Model.L1DataFee ? L1DataPricing.Fee(L1DataPricing.EncodedBytes(in tx), Attributes, PriceRule) : 0;

    /// <summary>
    /// The OP Stack's Isthmus operator fee of <paramref name="tx"/>: gas used × operator fee
    /// scalar / 1 000 000, rounded down, plus the operator fee constant. 0 for an L1 message
    /// (a deposit pays no fee) and when the rule has no operator fee.
    /// </summary>
    public UInt128 OperatorFee(in Transaction tx) =>
        !Model.HasOperatorFee || tx.Kind is TransactionKind.Deposit or TransactionKind.DelayedMessage
            ? 0
            : OpStackFeeRule.OperatorFee(tx.Gas, Model.OperatorFeeScalar, Model.OperatorFeeConstant);

    /// <summary>
    /// Counts a transaction of the block being built or re-executed towards the block's gas used
    /// and transaction count. The sequencer counts what it includes, derivation what it replays,
    /// so both hand the rule the same block: L1 messages (deposits, delayed-inbox messages) are
    /// not counted, since the batch does not carry them as transactions.
    /// </summary>
    public void CountIncluded(in Transaction transaction)
    {
        if (transaction.Kind is TransactionKind.Deposit or TransactionKind.DelayedMessage)
        {
            return;
        }

        _blockGas = checked(_blockGas + transaction.Gas);
        _blockTransactions++;
    }

    /// <summary>The gas of the open block (or the last settled) that <see cref="CountIncluded"/> counted.</summary>
    public ulong BlockGas => _blockGas;

    /// <summary>
    /// The L1 data fees held in the sequencer's account for the open block: the one thing a
    /// transaction's execution writes outside the journaled world state, so a block candidate
    /// built on a snapshot puts it back along with the state (<see cref="CandidateStage"/>).
    /// </summary>
    internal UInt128 BlockL1DataFees
    {
        get => _blockL1DataFees;
        set => _blockL1DataFees = value;
    }

    /// <summary>The operator fees held in the sequencer's account for the open block; put back with the state like <see cref="BlockL1DataFees"/>.</summary>
    internal UInt128 BlockOperatorFees
    {
        get => _blockOperatorFees;
        set => _blockOperatorFees = value;
    }

    /// <summary>Records an operator fee a transaction paid (it is held by the sequencer's account until the block is settled).</summary>
    public void AddOperatorFee(UInt128 fee) => _blockOperatorFees = checked(_blockOperatorFees + fee);

    /// <summary>Records an L1 data fee a transaction paid (it is held by the sequencer's account until the block is settled).</summary>
    public void AddL1DataFee(UInt128 fee) => _blockL1DataFees = checked(_blockL1DataFees + fee);

    /// <summary>
    /// Opens a block: remembers where its counters start and takes its L1 attributes, which are
    /// <paramref name="attributes"/> when given (a block derived from its batch, or all zero for a
    /// block the L1 forced in), else the sequencer's view now.
    /// </summary>
    public void BeginBlock(L1Attributes? attributes = null)
    {
        Attributes = attributes ?? AttributesSource?.Next((ulong)_chain.Metrics.Blocks + 1) ?? default;
        _burnedAtBlockStart = _chain.Fees.Of(Role.Burned, FeeKind.BaseFee);
        _tipsAtBlockStart = Tips;
        _blockGas = 0;
        _blockTransactions = 0;
        _blockL1DataFees = 0;
        _blockOperatorFees = 0;
    }

    /// <summary>
    /// Every priority fee the sequencer's account holds for settlement: those booked to the
    /// sequencer and the bundle tips a cross-chain builder earned in the block it built. Both
    /// are in the block's pot: a block's state transition cannot depend on who built it, which
    /// its batch does not say, so a replica deriving the block from L1 data settles the same pot.
    /// An auction winner's payment is booked as its own kind: it is a transfer to the sequencer's
    /// account, replayed as one by derivation, not part of the priority fees the rule distributes.
    /// </summary>
    private UInt128 Tips => _chain.Fees.Of(Role.Sequencer, FeeKind.PriorityFee) + _chain.Fees.Of(Role.Builder, FeeKind.PriorityFee);

    /// <summary>Settles block <paramref name="number"/>, sealed at <paramref name="time"/>.</summary>
    /// <exception cref="RuleFailedException">The hook failed or paid out more than the block collected.</exception>
    public void Settle(ulong number, SimDuration time)
    {
        var posted = Attributes.DaCost;
        var proof = Attributes.ProofCost;
        _owed[(int)Role.DataAvailability] = checked(_owed[(int)Role.DataAvailability] + posted);
        _owed[(int)Role.Prover] = checked(_owed[(int)Role.Prover] + proof);
        var block = new FeeBlock(
            number,
            time,
            _chain.Fees.Of(Role.Burned, FeeKind.BaseFee) - _burnedAtBlockStart,
            Tips - _tipsAtBlockStart,
            _blockL1DataFees,
            posted,
            proof,
            _blockGas,
            _blockTransactions)
        {
            DaOwed = _owed[(int)Role.DataAvailability],
            ProofOwed = _owed[(int)Role.Prover],
            OperatorFees = _blockOperatorFees,
        };
        BaseFees += block.BaseFees;
        PriorityFees += block.PriorityFees;
        L1DataFees += block.L1DataFees;
        OperatorFees += block.OperatorFees;
        DaCost += block.DaCost;
        ProofCost += block.ProofCost;
        Blocks++;

        // The tips, L1 data fees and operator fees sit in the sequencer's account; the base fees were burned.
        var state = _chain.State;
        state.Debit(_chain.SequencerAccount, block.PriorityFees + block.L1DataFees + block.OperatorFees);
        _payments.Clear();
        if (Distributor is { } hook)
        {
            Distribute(hook, in block);
        }
        else
        {
            _builtIn.Distribute(this, in block, _payments);
        }

        foreach (var payment in _payments)
        {
            Pay(payment.Role, FeeKind.Settlement, payment.Amount);
        }

        if (Model.IssuancePerBlock > 0)
        {
            Issued = checked(Issued + Model.IssuancePerBlock);
            Pay(Model.IssuanceTo, FeeKind.Issuance, Model.IssuancePerBlock);
        }
    }

    private void Pay(Role role, FeeKind kind, UInt128 amount)
    {
        Received.Add(role, kind, amount);
        if (role != Role.Burned)
        {
            _chain.State.Credit(AccountOf(role), amount);
        }
    }

    /// <summary>
    /// Splits <paramref name="amount"/> by <paramref name="shares"/> (parts per million that sum
    /// to a million): each share rounded down to the wei, the remainder to the first share.
    /// </summary>
    public static IReadOnlyList<FeePayment> SplitShares(UInt128 amount, IReadOnlyList<FeeShareModel> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var result = new FeePayment[shares.Count];
        UInt128 paid = 0;
        for (var i = 0; i < shares.Count; i++)
        {
            // amount × ppm / 1e6 without overflow: whole millions first, then the rest.
            var ppm = shares[i].PartsPerMillion;
            var part = (amount / 1_000_000 * ppm) + (amount % 1_000_000 * ppm / 1_000_000);
            result[i] = new FeePayment(shares[i].Role, part);
            paid += part;
        }

        if (result.Length > 0)
        {
            result[0] = result[0] with { Amount = result[0].Amount + (amount - paid) };
        }

        return result;
    }

    /// <summary>
    /// Pays <paramref name="role"/> back what it is owed for its costs, as much as
    /// <paramref name="pot"/> allows (a payment of 0 when it is owed nothing), and returns what
    /// remains of the pot: a built-in rule's payback, which settles what the role is owed.
    /// </summary>
    /// <param name="role">The role with costs (<see cref="Role.DataAvailability"/>, <see cref="Role.Prover"/>).</param>
    /// <param name="pot">What the rule has left to distribute.</param>
    /// <param name="payments">The block's payments, which gets the payback.</param>
    public UInt128 PayBack(Role role, UInt128 pot, List<FeePayment> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var paid = UInt128.Min(_owed[(int)role], pot);
        _owed[(int)role] -= paid;
        payments.Add(new FeePayment(role, paid));
        return pot - paid;
    }

    private void Distribute(IFeeDistributor hook, in FeeBlock block)
    {
        try
        {
            hook.Distribute(in block, _payments);
        }
        catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
        {
            throw new RuleFailedException(_chain.Model.Name, block.Time, (long)block.Number, e);
        }

        UInt128 total = 0;
        foreach (var payment in _payments)
        {
            total = total + payment.Amount < total ? UInt128.MaxValue : total + payment.Amount;
        }

        if (total > block.Collected)
        {
            throw new RuleFailedException(
                _chain.Model.Name,
                block.Time,
                (long)block.Number,
                new FeeOverpaymentException(FormattableString.Invariant($"paid out {total} wei but block {block.Number} collected only {block.Collected} wei")));
        }

        // What the hook pays these roles settles what they are owed, as the split's paybacks do.
        Settle(Role.DataAvailability);
        Settle(Role.Prover);

        // Every wei the block collected goes somewhere: what the hook did not pay is burned.
        _payments.Add(new FeePayment(Role.Burned, block.Collected - total));
    }

    private void Settle(Role role)
    {
        UInt128 paid = 0;
        foreach (var payment in _payments)
        {
            if (payment.Role == role)
            {
                paid = paid + payment.Amount < paid ? UInt128.MaxValue : paid + payment.Amount;
            }
        }

        _owed[(int)role] -= UInt128.Min(_owed[(int)role], paid);
    }

    /// <summary>Wei destroyed: base fees burned, and what a hook left unpaid.</summary>
    public UInt128 Burned => Received[Role.Burned];
}
