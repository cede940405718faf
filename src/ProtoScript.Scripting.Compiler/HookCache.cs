using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// Compiled hook sets on disk, one file per key. A file is a header (a magic string, the key it
/// was written for, and the SHA-256 of the key and the image together) followed by the image.
/// An entry is loaded only when its header names the very key being looked up and the hash
/// matches, so a truncated, damaged, stale or swapped file (one key's image copied over
/// another's, as a shared or restored CI cache can do) is a miss that recompiles and replaces
/// it. The cache is an optimization: any I/O failure is a miss, never an error.
/// </summary>
internal sealed class HookCache(string directory)
{
    private const int HashLength = 32;

    // Bumped whenever the entry layout changes, so an older layout is never read as this one.
    private static readonly byte[] Magic = "protoscript-cache-entry/2\n"u8.ToArray();

    public string Directory { get; } = directory;

    /// <summary>
    /// The key of a hook set: its code, kinds and forms in order, the hook API version and the
    /// exact builds of the compiler, of the hook API, of the hooks' run time and of the engine
    /// (whose rule registry declares each site's signature), whose types the compiled code calls (their module version ids change with any change to them). Positions are not part of it: they do not change the code.
    /// </summary>
    public static string Key(IReadOnlyList<HookModel> hooks)
    {
        var sb = new StringBuilder();
        sb.Append("protoscript-hooks\n").Append(HookApi.Version).Append('\n');
        foreach (var assembly in new[] { typeof(HookCache).Assembly, typeof(HookApi).Assembly, typeof(HookSpans).Assembly, typeof(Engine.Simulation.RuleRegistry).Assembly })
        {
            sb.Append(assembly.ManifestModule.ModuleVersionId.ToString("N")).Append(' ')
              .Append(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion).Append('\n');
        }

        // The compiler's version as this library was built against it, read without loading
        // the compiler: a cache hit must not pay for loading Roslyn.
        foreach (var reference in typeof(HookCache).Assembly.GetReferencedAssemblies().Where(r => r.Name?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            sb.Append(reference.FullName).Append('\n');
        }

        foreach (var hook in hooks)
        {
            // Length-prefixed, so no code can forge the boundary between two hooks.
            sb.Append(hook.Kind).Append(hook.IsExpression ? " => " : " { ").Append(hook.Code.Length).Append('\n').Append(hook.Code).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>
    /// The key of a compiled scenario: its emitted C# (which holds the model and the hooks'
    /// code) plus everything <see cref="Key"/> stamps for its hooks (the builds of this library
    /// and of the compiler), so a new tool version never loads an old assembly.
    /// </summary>
    public static string ScenarioKey(string emitted, IReadOnlyList<HookModel> hooks)
    {
        var text = "protoscript-compiled-scenario\n" + typeof(ProtoScript.Emit.ScenarioEmitter).Assembly.ManifestModule.ModuleVersionId.ToString("N")
            + "\n" + Key(hooks) + "\n" + emitted;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string PathOf(string key) => Path.Combine(Directory, key + ".dll");

    public byte[]? TryRead(string key)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(PathOf(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Unwrap(key, file);
    }

    /// <summary>The image an entry holds when its header is for <paramref name="key"/> and its hash matches; null otherwise.</summary>
    internal static byte[]? Unwrap(string key, byte[] file)
    {
        var keyBytes = Encoding.ASCII.GetBytes(key);
        var headerLength = Magic.Length + keyBytes.Length + HashLength;
        if (file.Length <= headerLength
            || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !file.AsSpan(Magic.Length, keyBytes.Length).SequenceEqual(keyBytes))
        {
            return null;
        }

        var image = file[headerLength..];
        return Hash(keyBytes, image).AsSpan().SequenceEqual(file.AsSpan(Magic.Length + keyBytes.Length, HashLength)) ? image : null;
    }

    /// <summary>An entry for <paramref name="key"/>: the header that binds the image to that key, then the image.</summary>
    internal static byte[] Wrap(string key, byte[] image)
    {
        var keyBytes = Encoding.ASCII.GetBytes(key);
        return [.. Magic, .. keyBytes, .. Hash(keyBytes, image), .. image];
    }

    // The key is hashed with the image, so a header cannot be pasted onto another key's image.
    private static byte[] Hash(byte[] key, byte[] image)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(key);
        sha.AppendData(image);
        return sha.GetHashAndReset();
    }

    public void Write(string key, byte[] image)
    {
        var temp = Path.Combine(Directory, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(temp, Wrap(key, image));

            // A rename is atomic, so a concurrent run reads either the old file or the whole new one.
            File.Move(temp, PathOf(key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not being able to cache only costs the next run a compile; a full disk must not keep the half-written file.
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
