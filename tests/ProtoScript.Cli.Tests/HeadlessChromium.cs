using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace ProtoScript.Cli.Tests;

/// <summary>What a real browser made of a page: its DOM after loading, a screenshot, and what it logged to its console.</summary>
internal sealed record BrowserView(string Dom, byte[] Screenshot, IReadOnlyList<string> ConsoleMessages);

/// <summary>
/// Debian's Chromium, headless, loading a local page once: the rendered DOM, a screenshot and the
/// console messages (every <c>console.*</c> call and uncaught error, which Chromium logs to stderr).
/// CI installs it (<c>.ci/run</c>); elsewhere <see cref="Path"/> is null when it is not installed.
/// </summary>
internal static partial class HeadlessChromium
{
    /// <summary>The browser's executable, or null when none is installed.</summary>
    public static string? Path { get; } = Locate();

    /// <summary>True when the tests run in CI, where a missing browser is a failure, not a reason to check less.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static BrowserView Load(string htmlFile, string windowSize = "1600,1200")
    {
        var browser = Path ?? throw new InvalidOperationException("Chromium is not installed (apt-get install chromium).");
        var screenshot = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "protoscript-shot-" + Guid.NewGuid().ToString("N") + ".png");
        var profile = Directory.CreateTempSubdirectory("protoscript-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=" + profile.FullName, "--enable-logging=stderr", "--v=0",
                "--window-size=" + windowSize, "--screenshot=" + screenshot, "--dump-dom",
                new Uri(System.IO.Path.GetFullPath(htmlFile)).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish loading " + htmlFile + " in 2 minutes.");
            }

            var console = ConsoleLine().Matches(stderr.Result).Select(m => m.Groups[1].Value).ToList();
            return new BrowserView(stdout.Result, File.Exists(screenshot) ? File.ReadAllBytes(screenshot) : [], console);
        }
        finally
        {
            File.Delete(screenshot);
            profile.Delete(recursive: true);
        }
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("PROTOSCRIPT_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@":CONSOLE[^\]]*\] (.*)$", RegexOptions.Multiline)]
    private static partial Regex ConsoleLine();
}

/// <summary>
/// The pixels of a PNG (8-bit RGB or RGBA, not interlaced: what Chromium writes), decoded with
/// the runtime's zlib, enough to tell a screenshot with content from a blank one.
/// </summary>
internal static class PngPixels
{
    /// <summary>The share of pixels that are not (nearly) white.</summary>
    public static double InkedShare(byte[] png)
    {
        var (width, height, channels, data) = Decode(png);
        long inked = 0;
        for (var i = 0; i < data.Length; i += channels)
        {
            if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)
            {
                inked++;
            }
        }

        return (double)inked / ((long)width * height);
    }

    private static (int Width, int Height, int Channels, byte[] Pixels) Decode(byte[] png)
    {
        if (png.Length < 33 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G')
        {
            throw new InvalidDataException("not a PNG");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var body = at + 8;
            if (type == "IHDR")
            {
                width = (png[body] << 24) | (png[body + 1] << 16) | (png[body + 2] << 8) | png[body + 3];
                height = (png[body + 4] << 24) | (png[body + 5] << 16) | (png[body + 6] << 8) | png[body + 7];
                if (png[body + 8] != 8 || png[body + 12] != 0)
                {
                    throw new InvalidDataException("only 8-bit, non-interlaced PNGs are read");
                }

                channels = png[body + 9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException("only RGB and RGBA PNGs are read") };
            }
            else if (type == "IDAT")
            {
                idat.Write(png, body, length);
            }

            at = body + length + 4;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int value = raw[(y * (stride + 1)) + 1 + x];
                int left = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int upLeft = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                pixels[(y * stride) + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + left,
                    2 => value + up,
                    3 => value + ((left + up) / 2),
                    4 => value + Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException("unknown PNG filter"),
                });
            }
        }

        return (width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
