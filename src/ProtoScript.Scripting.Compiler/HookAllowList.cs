using System.Collections.Frozen;

namespace ProtoScript.Scripting;

/// <summary>
/// What hook code may use: every type and member a hook names must be on this list, and
/// anything not on it is refused (<c>PS4003</c>). The list is the sandbox: an API that is
/// added to the runtime later is refused until someone decides it belongs here.
/// </summary>
/// <remarks>
/// A type is allowed with all its public members (<c>*</c>), minus those <see cref="RefusedMembers"/>
/// names, or with only the members it lists. Generic types are written with their arity
/// (<c>List`1</c>); the types nested in a type allowed with <c>*</c> (its enumerators and key
/// collections) are allowed with it. Every type of the namespace <c>ProtoScript.Hooks</c> is
/// allowed: it is the API written for hooks. docs/hooks.md describes this list and a test keeps
/// the two in step.
/// What nothing here may do: run hook code on another thread or after the call returns
/// (threads, tasks, timers, <c>Progress&lt;T&gt;</c>, <c>Lazy&lt;T&gt;</c>, continuations,
/// finalizers, events), keep state from one run to the next (static mutable fields, interning),
/// or answer differently on another machine, culture, time zone, CPU, GC mode or engine.
/// </remarks>
internal static class HookAllowList
{
    /// <summary>The table: a type, then <c>*</c> or the names of its allowed members (<c>.ctor</c> for its constructors, <c>op_*</c> for its operators).</summary>
    public const string Table = """
        # Values
        System.Boolean                                   *
        System.Char                                      *
        System.SByte                                     *
        System.Byte                                      *
        System.Int16                                     *
        System.UInt16                                    *
        System.Int32                                     *
        System.UInt32                                    *
        System.Int64                                     *
        System.UInt64                                    *
        System.Int128                                    *
        System.UInt128                                   *
        System.Single                                    *
        System.Double                                    *
        System.Decimal                                   *
        System.Numerics.BigInteger                       *
        System.String                                    *
        System.TimeSpan                                  *
        System.DateTime                                  .ctor ToString Ticks Year Month Day Hour Minute Second Millisecond Microsecond Nanosecond DayOfWeek DayOfYear Date TimeOfDay Kind MinValue MaxValue UnixEpoch Add AddDays AddHours AddMinutes AddSeconds AddMilliseconds AddMicroseconds AddTicks AddMonths AddYears Subtract CompareTo Equals Compare DaysInMonth IsLeapYear SpecifyKind Deconstruct op_Addition op_Subtraction op_Equality op_Inequality op_LessThan op_LessThanOrEqual op_GreaterThan op_GreaterThanOrEqual
        System.Guid                                      .ctor Empty CompareTo Equals ToString op_Equality op_Inequality op_LessThan op_LessThanOrEqual op_GreaterThan op_GreaterThanOrEqual
        System.Index                                     *
        System.Range                                     *
        System.Nullable`1                                *
        System.Nullable                                  Compare Equals
        System.ValueTuple                                *
        System.ValueTuple`1                              *
        System.ValueTuple`2                              *
        System.ValueTuple`3                              *
        System.ValueTuple`4                              *
        System.ValueTuple`5                              *
        System.ValueTuple`6                              *
        System.ValueTuple`7                              *
        System.ValueTuple`8                              *
        System.Tuple                                     Create
        System.Tuple`1                                   *
        System.Tuple`2                                   *
        System.Tuple`3                                   *
        System.Tuple`4                                   *
        System.Tuple`5                                   *
        System.Tuple`6                                   *
        System.Tuple`7                                   *
        System.Tuple`8                                   *
        System.Text.StringBuilder                        *
        System.Span`1                                    *
        System.ReadOnlySpan`1                            *
        System.Memory`1                                  *
        System.ReadOnlyMemory`1                          *
        System.Enum                                      ToString HasFlag CompareTo Equals GetName GetNames GetValues IsDefined Parse TryParse
        System.Object                                    .ctor Equals ReferenceEquals ToString
        System.ValueType                                 Equals ToString
        System.Array                                     Length Rank GetLength GetLowerBound GetUpperBound Empty Sort BinarySearch IndexOf LastIndexOf Reverse Fill Copy ConstrainedCopy Clear Resize Exists Find FindAll FindIndex FindLast FindLastIndex TrueForAll ConvertAll ForEach AsReadOnly Clone CopyTo
        System.Math                                      Abs Max Min MaxMagnitude MinMagnitude Sign Clamp Floor Ceiling Round Truncate Sqrt DivRem BigMul CopySign FusedMultiplyAdd BitIncrement BitDecrement IEEERemainder ScaleB ILogB E PI Tau
        System.Convert                                   ToBoolean ToByte ToSByte ToInt16 ToUInt16 ToInt32 ToUInt32 ToInt64 ToUInt64 ToDouble ToSingle ToDecimal ToChar ToString ToHexString ToHexStringLower FromHexString
        System.StringComparer                            Ordinal OrdinalIgnoreCase Compare Equals
        System.MemoryExtensions                          *
        System.Globalization.CultureInfo                 InvariantCulture
        System.Globalization.NumberStyles                *
        System.StringComparison                          *
        System.MidpointRounding                          *
        System.DayOfWeek                                 *
        System.DateTimeKind                              *
        System.StringSplitOptions                        *

        # Interfaces values and collections implement
        System.IComparable`1                             CompareTo
        System.IEquatable`1                              Equals
        System.IDisposable                               Dispose
        System.IFormatProvider                           *
        System.IFormattable                              ToString
        System.ISpanFormattable                          ToString TryFormat
        System.IParsable`1                               Parse TryParse
        System.ISpanParsable`1                           Parse TryParse
        System.Collections.IEnumerable                   GetEnumerator
        System.Collections.IEnumerator                   MoveNext Current
        System.Numerics.INumber`1                        *
        System.Numerics.INumberBase`1                    *
        System.Numerics.IBinaryInteger`1                 *
        System.Numerics.IBinaryNumber`1                  *
        System.Numerics.ISignedNumber`1                  *
        System.Numerics.IUnsignedNumber`1                *
        System.Numerics.IAdditionOperators`3             *
        System.Numerics.ISubtractionOperators`3          *
        System.Numerics.IMultiplyOperators`3             *
        System.Numerics.IDivisionOperators`3             *
        System.Numerics.IModulusOperators`3              *
        System.Numerics.IComparisonOperators`3           *
        System.Numerics.IEqualityOperators`3             *
        System.Numerics.IUnaryNegationOperators`2        *
        System.Numerics.IUnaryPlusOperators`2            *
        System.Numerics.IIncrementOperators`1            *
        System.Numerics.IDecrementOperators`1            *
        System.Numerics.IAdditiveIdentity`2              *
        System.Numerics.IMultiplicativeIdentity`2        *
        System.Numerics.IMinMaxValue`1                   *
        System.Numerics.IShiftOperators`3                *
        System.Numerics.IBitwiseOperators`3              *

        # Delegates: called where the hook calls them, never stored past the call
        System.Action                                    .ctor Invoke
        System.Action`1                                  .ctor Invoke
        System.Action`2                                  .ctor Invoke
        System.Action`3                                  .ctor Invoke
        System.Action`4                                  .ctor Invoke
        System.Func`1                                    .ctor Invoke
        System.Func`2                                    .ctor Invoke
        System.Func`3                                    .ctor Invoke
        System.Func`4                                    .ctor Invoke
        System.Func`5                                    .ctor Invoke
        System.Predicate`1                               .ctor Invoke
        System.Comparison`1                              .ctor Invoke
        System.Converter`2                               .ctor Invoke

        # Exceptions: thrown and caught in the call, read by their message only
        System.Exception                                 .ctor Message InnerException GetBaseException
        System.ArgumentException                         .ctor Message InnerException ParamName ThrowIfNullOrEmpty ThrowIfNullOrWhiteSpace
        System.ArgumentNullException                     .ctor Message InnerException ParamName ThrowIfNull
        System.ArgumentOutOfRangeException               .ctor Message InnerException ParamName ActualValue ThrowIfZero ThrowIfNegative ThrowIfNegativeOrZero ThrowIfEqual ThrowIfNotEqual ThrowIfGreaterThan ThrowIfGreaterThanOrEqual ThrowIfLessThan ThrowIfLessThanOrEqual
        System.InvalidOperationException                 .ctor Message InnerException
        System.NotSupportedException                     .ctor Message InnerException
        System.NotImplementedException                   .ctor Message InnerException
        System.ArithmeticException                       .ctor Message InnerException
        System.OverflowException                         .ctor Message InnerException
        System.DivideByZeroException                     .ctor Message InnerException
        System.IndexOutOfRangeException                  .ctor Message InnerException
        System.FormatException                           .ctor Message InnerException
        System.InvalidCastException                      .ctor Message InnerException
        System.NullReferenceException                    .ctor Message InnerException
        System.Collections.Generic.KeyNotFoundException  .ctor Message InnerException

        # Collections
        System.Collections.Generic.List`1                *
        System.Collections.Generic.Dictionary`2          *
        System.Collections.Generic.HashSet`1             *
        System.Collections.Generic.SortedSet`1           *
        System.Collections.Generic.SortedDictionary`2    *
        System.Collections.Generic.SortedList`2          *
        System.Collections.Generic.Queue`1               *
        System.Collections.Generic.Stack`1               *
        System.Collections.Generic.LinkedList`1          *
        System.Collections.Generic.LinkedListNode`1      *
        System.Collections.Generic.PriorityQueue`2       *
        System.Collections.Generic.KeyValuePair`2        *
        System.Collections.Generic.KeyValuePair          Create
        System.Collections.Generic.Comparer`1            Default Create Compare
        System.Collections.Generic.EqualityComparer`1    Default Create Equals
        System.Collections.Generic.CollectionExtensions  *
        System.Collections.Generic.IEnumerable`1         *
        System.Collections.Generic.IEnumerator`1         *
        System.Collections.Generic.ICollection`1         *
        System.Collections.Generic.IList`1               *
        System.Collections.Generic.IReadOnlyCollection`1 *
        System.Collections.Generic.IReadOnlyList`1       *
        System.Collections.Generic.IDictionary`2         *
        System.Collections.Generic.IReadOnlyDictionary`2 *
        System.Collections.Generic.ISet`1                *
        System.Collections.Generic.IReadOnlySet`1        *
        System.Collections.Generic.IComparer`1           *
        System.Collections.Generic.IEqualityComparer`1   Equals
        System.Linq.Enumerable                           *
        System.Linq.IGrouping`2                          *
        System.Linq.ILookup`2                            *
        System.Linq.Lookup`2                             *
        System.Linq.IOrderedEnumerable`1                 *
        """;

    /// <summary>Members of types allowed with <c>*</c> that hooks may still not use, with why and what to use instead.</summary>
    public static readonly FrozenDictionary<string, string> RefusedMembers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System.String.Intern"] = Interning,
        ["System.String.IsInterned"] = Interning,
        ["System.String.Normalize"] = CultureData,
        ["System.String.IsNormalized"] = CultureData,
        ["System.String.CompareTo"] = CultureOrder,
        ["System.Numerics.BigInteger.Log"] = Transcendental,
        ["System.Numerics.BigInteger.Log10"] = Transcendental,
        ["System.Char.ToUpper"] = "use `char.ToUpperInvariant`: the current culture's casing depends on the machine",
        ["System.Char.ToLower"] = "use `char.ToLowerInvariant`: the current culture's casing depends on the machine",
        ["System.String.ToUpper"] = "use `ToUpperInvariant`: the current culture's casing depends on the machine",
        ["System.String.ToLower"] = "use `ToLowerInvariant`: the current culture's casing depends on the machine",
    }
    .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Member names refused on every numeric type (<c>double.Sin</c>, <c>Math.Pow</c> is simply not listed).</summary>
    public static readonly FrozenSet<string> TranscendentalNames = FrozenSet.Create(
        StringComparer.Ordinal,
        "Sin", "Cos", "Tan", "SinCos", "SinPi", "CosPi", "TanPi", "SinCosPi", "Asin", "Acos", "Atan", "Atan2", "AsinPi", "AcosPi", "AtanPi", "Atan2Pi",
        "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh", "Exp", "Exp2", "Exp10", "ExpM1", "Exp2M1", "Exp10M1", "Log", "Log2", "Log10", "LogP1", "Log2P1", "Log10P1",
        "Pow", "Cbrt", "Hypot", "RootN", "ReciprocalEstimate", "ReciprocalSqrtEstimate", "DegreesToRadians", "RadiansToDegrees");

    /// <summary>Why a transcendental function is refused.</summary>
    public const string Transcendental = "transcendental functions (Pow, Exp, Log, Sin, ...) are computed by the machine's C library and CPU, whose last bits differ between machines; use integer or BigInteger arithmetic, or Sqrt, which is exact";

    /// <summary>Why interning is refused.</summary>
    public const string Interning = "the intern pool is shared by the whole process, so one run (or one scenario of `test`) could see what another left there; compare strings with `==` or `string.Equals`";

    /// <summary>Why culture-dependent string operations are refused.</summary>
    public const string CultureData = "the result depends on the machine's Unicode and culture data; use ordinal operations";

    /// <summary>Why culture-dependent string order is refused.</summary>
    public const string CultureOrder = "culture-sensitive string order depends on the machine's culture data; use `string.CompareOrdinal` or `StringComparer.Ordinal`";

    /// <summary>Allowed types by metadata name; a null set allows every member.</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>?> Types = Parse(Table);

    private static FrozenDictionary<string, FrozenSet<string>?> Parse(string table)
    {
        var types = new Dictionary<string, FrozenSet<string>?>(StringComparer.Ordinal);
        foreach (var raw in table.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            types.Add(words[0], words is [_, "*"] ? null : words.Skip(1).ToFrozenSet(StringComparer.Ordinal));
        }

        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
