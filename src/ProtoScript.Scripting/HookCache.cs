using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// Compiled hook sets on disk, one file per key. A file is the SHA-256 of its image followed
/// by the image, so a truncated or damaged file is detected and recompiled rather than loaded.
/// The cache is an optimization: any I/O failure is a miss, never an error.
/// </summary>
internal sealed class HookCache(string directory)
{
    private const int HashLength = 32;

    public string Directory { get; } = directory;

    /// <summary>
    /// The key of a hook set: its code, kinds and forms in order, the hook API version and the
    /// exact builds of the compiler and of this library (their module version ids change with
    /// any change to them). Positions are not part of it: they do not change the code.
    /// </summary>
    public static string Key(IReadOnlyList<HookModel> hooks)
    {
        var sb = new StringBuilder();
        sb.Append("protoscript-hooks\n").Append(HookApi.Version).Append('\n');
        foreach (var assembly in new[] { typeof(HookCache).Assembly, typeof(HookApi).Assembly })
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

        if (file.Length <= HashLength)
        {
            return null;
        }

        var image = file[HashLength..];
        return SHA256.HashData(image).AsSpan().SequenceEqual(file.AsSpan(0, HashLength)) ? image : null;
    }

    public void Write(string key, byte[] image)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temp = Path.Combine(Directory, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            using (var stream = File.Create(temp))
            {
                stream.Write(SHA256.HashData(image));
                stream.Write(image);
            }

            // A rename is atomic, so a concurrent run reads either the old file or the whole new one.
            File.Move(temp, PathOf(key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not being able to cache only costs the next run a compile.
        }
    }
}
