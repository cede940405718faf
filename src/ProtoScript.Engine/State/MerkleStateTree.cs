using System.Buffers.Binary;

namespace ProtoScript.Engine.State;

/// <summary>
/// A 4-ary SHA-256 Merkle tree over the accounts of an <see cref="AccountState"/>.
/// <list type="bullet">
/// <item>leaf <c>i</c> = i as u64 || balance as u128 || nonce as u64, all big-endian: the
/// account's 32 bytes themselves, not their hash (as SSZ packs basic values into 32-byte
/// leaf chunks), since a leaf's position in this fixed-shape tree already says what it is;</item>
/// <item>when the state holds declared tokens, the leaf is SHA-256 of those 32 bytes followed
/// by the token count as one byte and each token balance as u128 (33 + 16·n bytes in);</item>
/// <item>inner node = SHA-256(child0 || child1 || child2 || child3) (128 bytes in), so leaves and
/// nodes never share a preimage length;</item>
/// <item>the leaf count is padded to a power of four, at least four, with all-zero 32-byte leaves.</item>
/// </list>
/// Why four children rather than two: SHA-256 hashes 64-byte blocks and pads every message
/// with one more, so a binary node costs two compressions for 64 bytes while a 4-ary node
/// costs three for 128 — half a compression per child instead of one. A block that
/// changes a few thousand of ten thousand accounts rehashes about a third fewer
/// compressions, and a single-account change 25 % fewer (7 levels × 3 instead of 14 × 2 for
/// 16 384 leaves); wider nodes save little more on dense updates and cost more on sparse ones.
/// Raw leaves save one more compression per changed account.
/// <para>
/// Nodes live in one array in heap order (root at 0, children of <c>n</c> at <c>4n+1</c> to
/// <c>4n+4</c>), so four siblings are one contiguous 128-byte hash input and an update
/// rehashes only the paths from changed leaves to the root.
/// </para>
/// </summary>
public sealed class MerkleStateTree
{
    /// <summary>Bytes in one hash.</summary>
    public const int HashSize = 32;

    /// <summary>Children per inner node.</summary>
    public const int Arity = 4;

    /// <summary>
    /// The most accounts a state tree holds: 4^12 leaves, whose tree (about 22 million nodes of
    /// 32 bytes) still fits one array; one more account would need 4^13 leaves, more than an array can hold.
    /// </summary>
    public const int MaxAccounts = 16_777_216;

    private const int LeafInputSize = 32;

    private readonly byte[] _nodes;
    private readonly int _leafBase;
    private int[] _scratch = [];

    /// <summary>Builds the tree of the current state and clears its dirty set.</summary>
    public MerkleStateTree(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var leafCount = LeafCount(state.Count);
        _leafBase = (leafCount - 1) / (Arity - 1); // inner nodes above leafCount leaves
        _nodes = new byte[checked((_leafBase + leafCount) * HashSize)];
        for (var i = 0; i < state.Count; i++)
        {
            HashLeaf(state, i, Node(_leafBase + i));
        }

        for (var n = _leafBase - 1; n >= 0; n--)
        {
            HashChildren(n);
        }

        state.ClearDirty();
    }

    /// <summary>The current root hash.</summary>
    public ReadOnlySpan<byte> Root => Node(0);

    /// <summary>The current root as <c>0x</c> and 64 lowercase hex digits.</summary>
    public string RootHex => "0x" + Convert.ToHexStringLower(Root);

    /// <summary>Computes the root of a state from scratch, level by level, without touching its dirty set.</summary>
    public static byte[] ComputeRoot(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var leafCount = LeafCount(state.Count);
        var level = new byte[leafCount * HashSize];
        for (var i = 0; i < state.Count; i++)
        {
            HashLeaf(state, i, level.AsSpan(i * HashSize, HashSize));
        }

        for (var width = leafCount; width > 1; width /= Arity)
        {
            var parent = new byte[width / Arity * HashSize];
            for (var i = 0; i < width / Arity; i++)
            {
                Sha256.HashData(level.AsSpan(i * Arity * HashSize, Arity * HashSize), parent.AsSpan(i * HashSize, HashSize));
            }

            level = parent;
        }

        return level;
    }

    /// <summary>
    /// Rehashes the leaves of the accounts changed since the last update and their
    /// ancestors (each node once), then clears the dirty set.
    /// </summary>
    public void Update(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dirty = state.DirtyAccounts;
        if (dirty.IsEmpty)
        {
            return;
        }

        if (_scratch.Length < dirty.Length)
        {
            _scratch = new int[Math.Max(dirty.Length, _scratch.Length * 2)];
        }

        var positions = _scratch.AsSpan(0, dirty.Length);
        for (var i = 0; i < dirty.Length; i++)
        {
            HashLeaf(state, dirty[i], Node(_leafBase + dirty[i]));
            positions[i] = _leafBase + dirty[i];
        }

        // Sorted positions map to sorted parents, so duplicates are adjacent and each
        // inner node is hashed once per level.
        positions.Sort();
        var count = positions.Length;
        while (positions[0] > 0)
        {
            var written = 0;
            for (var i = 0; i < count; i++)
            {
                var parent = (positions[i] - 1) / Arity;
                if (written == 0 || positions[written - 1] != parent)
                {
                    positions[written++] = parent;
                    HashChildren(parent);
                }
            }

            count = written;
        }

        state.ClearDirty();
    }

    private static int LeafCount(int accounts)
    {
        // At least one level of hashing, so the root is a hash even of a single raw leaf.
        var leaves = Arity;
        while (leaves < accounts)
        {
            leaves = checked(leaves * Arity);
        }

        return leaves;
    }

    private static void HashLeaf(AccountState state, int account, Span<byte> destination)
    {
        var tokens = state.TokenCount;
        if (tokens == 0)
        {
            WriteAccount(state, account, destination);
            return;
        }

        Span<byte> input = stackalloc byte[LeafInputSize + 1 + (16 * tokens)];
        WriteAccount(state, account, input);
        input[LeafInputSize] = (byte)tokens;
        for (var t = 0; t < tokens; t++)
        {
            BinaryPrimitives.WriteUInt128BigEndian(input[(LeafInputSize + 1 + (16 * t))..], state.TokenBalance(t, account));
        }

        Sha256.HashData(input, destination);
    }

    private static void WriteAccount(AccountState state, int account, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, (ulong)account);
        BinaryPrimitives.WriteUInt128BigEndian(destination[8..], state.Balance(account));
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], state.Nonce(account));
    }

    private void HashChildren(int node) =>
        Sha256.HashData(_nodes.AsSpan(((Arity * node) + 1) * HashSize, Arity * HashSize), Node(node));

    private Span<byte> Node(int node) => _nodes.AsSpan(node * HashSize, HashSize);
}
