using System.Buffers.Binary;
using System.Numerics;

namespace ProtoScript.Engine.State;

/// <summary>
/// A binary SHA-256 Merkle tree over the accounts of an <see cref="AccountState"/>.
/// <list type="bullet">
/// <item>leaf <c>i</c> = SHA-256(i as u64 || balance as u128 || nonce as u64), all big-endian (32 bytes in);</item>
/// <item>when the state holds declared tokens, the leaf input goes on with the token count as
/// one byte and each token balance as u128 (33 + 16·n bytes, odd, so still never 64);</item>
/// <item>inner node = SHA-256(left || right) (64 bytes in), so leaves and nodes never share a preimage length;</item>
/// <item>the leaf count is padded to a power of two with all-zero 32-byte leaves.</item>
/// </list>
/// Nodes live in one array in heap order (root at 1, children of <c>n</c> at <c>2n</c> and
/// <c>2n+1</c>), so two siblings are one contiguous 64-byte hash input and an update
/// rehashes only the paths from changed leaves to the root.
/// </summary>
public sealed class MerkleStateTree
{
    /// <summary>Bytes in one hash.</summary>
    public const int HashSize = 32;

    private const int LeafInputSize = 32;

    private readonly byte[] _nodes;
    private readonly int _leafBase;
    private int[] _scratch = [];

    /// <summary>Builds the tree of the current state and clears its dirty set.</summary>
    public MerkleStateTree(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _leafBase = (int)BitOperations.RoundUpToPowerOf2((uint)state.Count);
        _nodes = new byte[checked(2 * _leafBase * HashSize)];
        for (var i = 0; i < state.Count; i++)
        {
            HashLeaf(state, i, Node(_leafBase + i));
        }

        for (var n = _leafBase - 1; n >= 1; n--)
        {
            HashChildren(n);
        }

        state.ClearDirty();
    }

    /// <summary>The current root hash.</summary>
    public ReadOnlySpan<byte> Root => Node(1);

    /// <summary>The current root as <c>0x</c> and 64 lowercase hex digits.</summary>
    public string RootHex => "0x" + Convert.ToHexStringLower(Root);

    /// <summary>Computes the root of a state from scratch, without touching its dirty set.</summary>
    public static byte[] ComputeRoot(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var leafCount = (int)BitOperations.RoundUpToPowerOf2((uint)state.Count);
        var level = new byte[leafCount * HashSize];
        for (var i = 0; i < state.Count; i++)
        {
            HashLeaf(state, i, level.AsSpan(i * HashSize, HashSize));
        }

        for (var width = leafCount; width > 1; width /= 2)
        {
            var parent = new byte[width / 2 * HashSize];
            for (var i = 0; i < width / 2; i++)
            {
                Sha256.HashData(level.AsSpan(i * 2 * HashSize, 2 * HashSize), parent.AsSpan(i * HashSize, HashSize));
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
        while (positions[0] > 1)
        {
            var written = 0;
            for (var i = 0; i < count; i++)
            {
                var parent = positions[i] >> 1;
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

    private static void HashLeaf(AccountState state, int account, Span<byte> destination)
    {
        var tokens = state.TokenCount;
        Span<byte> input = stackalloc byte[tokens == 0 ? LeafInputSize : LeafInputSize + 1 + (16 * tokens)];
        BinaryPrimitives.WriteUInt64BigEndian(input, (ulong)account);
        BinaryPrimitives.WriteUInt128BigEndian(input[8..], state.Balance(account));
        BinaryPrimitives.WriteUInt64BigEndian(input[24..], state.Nonce(account));
        if (tokens > 0)
        {
            // A chain without tokens keeps the 32-byte leaf, so its roots do not change.
            input[LeafInputSize] = (byte)tokens;
            for (var t = 0; t < tokens; t++)
            {
                BinaryPrimitives.WriteUInt128BigEndian(input[(LeafInputSize + 1 + (16 * t))..], state.TokenBalance(t, account));
            }
        }

        Sha256.HashData(input, destination);
    }

    private void HashChildren(int node) =>
        Sha256.HashData(_nodes.AsSpan(2 * node * HashSize, 2 * HashSize), Node(node));

    private Span<byte> Node(int node) => _nodes.AsSpan(node * HashSize, HashSize);
}
