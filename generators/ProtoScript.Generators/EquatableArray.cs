using System.Collections;
using System.Collections.Immutable;

namespace ProtoScript.Generators;

/// <summary>
/// An immutable array compared by its elements, so that pipeline models holding one compare
/// equal when their content does (<see cref="ImmutableArray{T}"/> compares by reference).
/// </summary>
/// <typeparam name="T">An equatable element type.</typeparam>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps an array.</summary>
    public EquatableArray(ImmutableArray<T> items) => _items = items;

    /// <summary>The elements (empty, never default).</summary>
    public ImmutableArray<T> Items => _items.IsDefault ? [] : _items;

    /// <summary>The number of elements.</summary>
    public int Count => Items.Length;

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other) => Items.AsSpan().SequenceEqual(other.Items.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares by elements.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Compares by elements.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
